package dev.suiteflow.audit.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.suiteflow.support.problem.ProblemException;

class InternalCallerTest {

    @Test
    void refusesAWrongOrMissingTokenWhenOneIsConfigured() {
        InternalCaller caller = new InternalCaller(() -> Optional.of("s3cret"));
        assertThatThrownBy(() -> caller.tenant("acme", "nope")).isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).status()).isEqualTo(401));
        assertThatThrownBy(() -> caller.tenant("acme", null)).isInstanceOf(ProblemException.class);
        assertThat(caller.tenant("acme", "s3cret")).isEqualTo("acme");
    }

    @Test
    void requiresTheTenantHeader() {
        InternalCaller caller = new InternalCaller(Optional::empty);
        assertThatThrownBy(() -> caller.tenant(" ", null)).isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).status()).isEqualTo(400));
        assertThat(caller.tenant("acme", null)).isEqualTo("acme");
    }
}
