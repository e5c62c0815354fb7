package dev.suiteflow.demo.inventory;

import java.math.BigDecimal;

/**
 * Charges a customer.
 */
public interface PaymentGateway {

    /**
     * @return the payment's reference
     * @throws PaymentDeclinedException when the charge is refused
     */
    String charge(String customer, BigDecimal amount);

    /** Thrown when a charge is refused. */
    class PaymentDeclinedException extends RuntimeException {
        public PaymentDeclinedException(String message) {
            super(message);
        }
    }
}
