package dev.suiteflow.demo.inventory;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for a remote payment provider: answers after a fixed latency, declines a given set of customers
 * and amounts above a limit.
 */
public final class SimulatedPaymentGateway implements PaymentGateway {

    private final Duration latency;
    private final Set<String> declined;
    private final BigDecimal limit;
    private final AtomicInteger charges = new AtomicInteger();

    public SimulatedPaymentGateway(Duration latency, Set<String> declined, BigDecimal limit) {
        this.latency = latency;
        this.declined = Set.copyOf(declined);
        this.limit = limit;
    }

    public static SimulatedPaymentGateway instant() {
        return new SimulatedPaymentGateway(Duration.ZERO, Set.of(), new BigDecimal("10000.00"));
    }

    @Override
    public String charge(String customer, BigDecimal amount) {
        if (!latency.isZero()) {
            try {
                Thread.sleep(latency.toMillis()); // the round trip to the provider
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PaymentDeclinedException("interrupted while waiting for the payment provider");
            }
        }
        if (declined.contains(customer)) {
            throw new PaymentDeclinedException("card of " + customer + " declined");
        }
        if (amount.compareTo(limit) > 0) {
            throw new PaymentDeclinedException(amount + " is above the limit of " + limit);
        }
        return "PAY-" + charges.incrementAndGet();
    }

    /** How many charges went through. */
    public int charges() {
        return charges.get();
    }
}
