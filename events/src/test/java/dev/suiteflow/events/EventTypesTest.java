package dev.suiteflow.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The registry of event types, and the README that lists them. */
class EventTypesTest {

    @Test
    void everyTypeMatchesTheEnvelopeTypePattern() {
        String pattern = Schemas.load(Schemas.ENVELOPE).at("/properties/type/pattern").asText();

        assertThat(EventTypes.all().keySet()).hasSize(17).allMatch(type -> type.matches(pattern));
    }

    @Test
    void everyRegistrationTravelsOnAContractTopic() {
        assertThat(EventTypes.all().values()).allSatisfy(registration -> {
            assertThat(Topics.ALL).contains(registration.topic());
            assertThat(EventTypes.topicOf(registration.payload())).isEqualTo(registration.topic());
            assertThat(EventTypes.payloadOf(registration.type())).isEqualTo(registration.payload());
        });
    }

    @Test
    void everySuiteEventPayloadExceptTheRawRequestCarriesSuiteIdAndTenant() {
        assertThat(EventTypes.all().values())
                .filteredOn(registration -> registration.payload() != SuiteRequested.class)
                .allSatisfy(registration -> assertThat(SuiteEvent.class).isAssignableFrom(registration.payload()));
    }

    @Test
    void unknownTypeOrPayloadIsRefused() {
        assertThat(EventTypes.lookup("suiteflow.SuiteExploded.v1")).isEmpty();
        assertThatThrownBy(() -> EventTypes.payloadOf("suiteflow.SuiteExploded.v1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("suiteflow.SuiteExploded.v1");
        assertThatThrownBy(() -> EventTypes.topicOf(FieldError.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("FieldError");
    }

    @Test
    void readmeEventsTableNamesEveryTypeWithItsTopicAndRecord() throws IOException {
        String readme = Files.readString(Path.of(System.getProperty("basedir", "."), "README.md"));

        assertThat(EventTypes.all().values()).allSatisfy(registration -> assertThat(readme)
                .containsPattern("\\| `" + registration.topic() + "` \\| `" + registration.type().replace(".", "\\.")
                        + "` \\| `" + registration.payload().getSimpleName() + "`"));
    }
}
