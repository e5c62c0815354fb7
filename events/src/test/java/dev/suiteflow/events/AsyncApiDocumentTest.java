package dev.suiteflow.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** asyncapi.yaml stays true to EventTypes, Topics, the schema files and the architecture's producer table. */
class AsyncApiDocumentTest {

    private static final JsonNode DOC = Json.resource("/asyncapi.yaml");
    /** The one message that is not a CloudEvent of the contract: what ingest dead-letters. */
    private static final String DEAD_LETTER = "DeadLetteredRequest";
    private static final String CLOUDEVENTS_JSON = "application/cloudevents+json";

    @Test
    void isAnAsyncApi3DocumentWithTheLocalKafkaServer() {
        assertThat(DOC.path("asyncapi").asText()).isEqualTo("3.0.0");
        assertThat(DOC.path("info").path("title").asText()).isNotBlank();
        assertThat(DOC.path("defaultContentType").asText()).isEqualTo(CLOUDEVENTS_JSON);
        assertThat(DOC.at("/servers/local/host").asText()).isEqualTo("127.0.0.1:9092");
        assertThat(DOC.at("/servers/local/protocol").asText()).isEqualTo("kafka");
    }

    @Test
    void everyTopicIsAChannelAddressedByItsNameAndNothingElseIs() {
        Map<String, String> addressToBindingTopic = new LinkedHashMap<>();
        DOC.path("channels").properties().forEach(channel -> addressToBindingTopic.put(
                channel.getValue().path("address").asText(),
                channel.getValue().at("/bindings/kafka/topic").asText()));

        assertThat(addressToBindingTopic.keySet()).containsExactlyInAnyOrderElementsOf(Topics.ALL);
        addressToBindingTopic.forEach((address, topic) -> assertThat(topic).as("kafka binding of " + address)
                .isEqualTo(address));
    }

    @Test
    void everyEventTypeIsAMessageOnTheChannelOfItsTopic() {
        Map<String, Set<String>> typesByTopic = messageTypesByTopic();

        for (EventTypes.Registration registration : EventTypes.all().values()) {
            assertThat(typesByTopic.get(registration.topic()))
                    .as("messages on channel %s", registration.topic())
                    .contains(registration.type());
        }
    }

    @Test
    void everyMessageOfTheDocumentIsARegisteredEventTypeOnItsTopicExceptTheDeadLetter() {
        Map<String, Set<String>> typesByTopic = messageTypesByTopic();
        List<String> unknown = new ArrayList<>();
        typesByTopic.forEach((topic, types) -> types.forEach(type -> {
            if (topic.equals(Topics.SUITE_REQUESTS_DLQ)) {
                return;
            }
            boolean registeredHere = EventTypes.lookup(type).map(r -> r.topic().equals(topic)).orElse(false);
            if (!registeredHere) {
                unknown.add(type + " on " + topic);
            }
        }));

        assertThat(unknown).as("messages missing from EventTypes (or on another topic than registered)").isEmpty();
        assertThat(typesByTopic.get(Topics.SUITE_REQUESTS_DLQ)).containsExactly("suite-requests.dead-letter");
    }

    @Test
    void everyComponentMessageIsOnAChannel() {
        Set<String> onChannels = new TreeSet<>();
        DOC.path("channels").forEach(channel -> channel.path("messages")
                .forEach(ref -> onChannels.add(ref.path("$ref").asText().replace("#/components/messages/", ""))));

        assertThat(names(DOC.at("/components/messages"))).containsExactlyInAnyOrderElementsOf(onChannels);
    }

    @Test
    void cloudEventMessagesPointAtTheEnvelopeAndTheirPayloadSchema() {
        for (EventTypes.Registration registration : EventTypes.all().values()) {
            String name = registration.payload().getSimpleName();
            JsonNode message = DOC.at("/components/messages/" + name);
            JsonNode payload = message.path("payload");

            assertThat(message.path("name").asText()).isEqualTo(registration.type());
            assertThat(message.path("contentType").asText()).isEqualTo(CLOUDEVENTS_JSON);
            assertThat(refsUnder(payload)).as("payload refs of " + name)
                    .containsExactlyInAnyOrder("./schemas/" + Schemas.ENVELOPE,
                            "./schemas/" + Schemas.fileOf(registration.payload()));
            assertThat(payload.findValues("const")).extracting(JsonNode::asText).containsExactly(registration.type());
        }
    }

    @Test
    void everyReferenceResolvesToANodeOfTheDocumentOrAnExistingSchemaFile() {
        List<String> dangling = new ArrayList<>();
        for (String ref : refsUnder(DOC)) {
            if (ref.startsWith("#/")) {
                if (DOC.at(ref.substring(1)).isMissingNode()) {
                    dangling.add(ref);
                }
            } else if (Json.class.getResource("/" + ref.replaceFirst("^\\./", "")) == null) {
                dangling.add(ref);
            }
        }

        assertThat(refsUnder(DOC)).isNotEmpty();
        assertThat(dangling).isEmpty();
    }

    @Test
    void cloudEventMessagesAreKeyedByAStringAndCarryTheStructuredContentTypeHeader() {
        for (EventTypes.Registration registration : EventTypes.all().values()) {
            JsonNode message = withTraits(DOC.at("/components/messages/" + registration.payload().getSimpleName()));

            assertThat(message.at("/headers/properties/content-type/const").asText())
                    .as("content-type header of " + registration.type()).isEqualTo(CLOUDEVENTS_JSON);
            assertThat(message.at("/headers/required").toString()).contains("content-type");
            assertThat(message.at("/bindings/kafka/key/type").asText())
                    .as("kafka key of " + registration.type()).isEqualTo("string");
        }
    }

    @Test
    void deadLetterKeepsTheOriginalBytesAndAddsTheDeadLetterHeaders() {
        JsonNode message = DOC.at("/components/messages/" + DEAD_LETTER);

        assertThat(names(message.at("/headers/properties"))).contains(
                "dead-letter-reason", "dead-letter-cause", "dead-letter-topic", "dead-letter-partition",
                "dead-letter-offset");
        assertThat(message.at("/headers/required").toString()).contains(
                "dead-letter-reason", "dead-letter-topic", "dead-letter-partition", "dead-letter-offset");
        assertThat(message.at("/headers/properties/dead-letter-topic/const").asText()).isEqualTo(Topics.SUITE_REQUESTS);
        assertThat(message.path("contentType").asText()).isEqualTo("application/octet-stream");
        assertThat(message.at("/payload/type").isMissingNode()).as("the payload is any bytes").isTrue();
    }

    @Test
    void operationsSendOrReceiveOnlyMessagesOfTheirChannel() {
        DOC.path("operations").properties().forEach(entry -> {
            JsonNode operation = entry.getValue();
            String channelRef = operation.at("/channel/$ref").asText();

            assertThat(operation.path("action").asText()).as(entry.getKey()).isIn("send", "receive");
            assertThat(DOC.at(channelRef.substring(1)).isMissingNode()).as(entry.getKey()).isFalse();
            assertThat(operation.path("tags").size()).as("service tag of " + entry.getKey()).isEqualTo(1);
            operation.path("messages").forEach(message -> assertThat(message.path("$ref").asText())
                    .as(entry.getKey()).startsWith(channelRef + "/messages/"));
        });
    }

    @Test
    void sendersMatchTheArchitecture() {
        Map<String, Set<String>> expected = new TreeMap<>();
        expected.put("external-systems", Set.of("SuiteRequested"));
        expected.put("ingest-service", Set.of("SuiteAccepted", "SuiteRejected", DEAD_LETTER));
        expected.put("planner-service", Set.of("SuitePlanned", "ApprovalRequested", "ApprovalDecided", "SuiteStarted",
                "SuiteCompleted", "SuiteCancelled", "PhaseRequested"));
        expected.put("executor-service", Set.of("PhaseStarted", "PhaseCompleted", "PhaseLog", "PhaseHeartbeat"));
        expected.put("gateway", Set.of("CancelSuite", "DecideApproval", "RerunSuite"));

        assertThat(messagesByService("send")).isEqualTo(expected);
    }

    @Test
    void receiversMatchTheArchitecture() {
        Map<String, Set<String>> received = messagesByService("receive");
        Set<String> everything = names(DOC.at("/components/messages"));

        assertThat(received.get("audit-service")).as("audit receives every topic").isEqualTo(everything);
        assertThat(received.get("ingest-service")).containsExactlyInAnyOrder("SuiteRequested");
        assertThat(received.get("planner-service")).containsExactlyInAnyOrder("SuiteAccepted", "PhaseStarted",
                "PhaseCompleted", "CancelSuite", "DecideApproval", "RerunSuite");
        assertThat(received.get("executor-service")).containsExactlyInAnyOrder("PhaseRequested", "CancelSuite");
        assertThat(received.get("gateway")).containsExactlyInAnyOrderElementsOf(
                messagesOn(Topics.SUITE_LIFECYCLE, Topics.PHASE_RESULTS, Topics.PHASE_PROGRESS));
        assertThat(received.get("external-systems")).containsExactlyInAnyOrder("SuiteAccepted", "SuiteRejected");
    }

    @Test
    void everyMessageHasASenderAndAReceiverBesidesAudit() {
        Map<String, Set<String>> sent = messagesByService("send");
        Map<String, Set<String>> received = messagesByService("receive");
        received.remove("audit-service");
        Set<String> sentAny = new TreeSet<>();
        sent.values().forEach(sentAny::addAll);
        Set<String> receivedAny = new TreeSet<>();
        received.values().forEach(receivedAny::addAll);
        Set<String> withoutConsumer = new TreeSet<>(names(DOC.at("/components/messages")));
        withoutConsumer.removeAll(receivedAny);

        assertThat(sentAny).isEqualTo(names(DOC.at("/components/messages")));
        assertThat(withoutConsumer).as("only the dead letter waits for a person").containsExactly(DEAD_LETTER);
    }

    /** Channel address to the {@code name}s of its messages (the CloudEvent type for events). */
    private static Map<String, Set<String>> messageTypesByTopic() {
        Map<String, Set<String>> byTopic = new LinkedHashMap<>();
        DOC.path("channels").forEach(channel -> {
            Set<String> types = new LinkedHashSet<>();
            channel.path("messages").forEach(ref -> types.add(resolve(ref).path("name").asText()));
            byTopic.put(channel.path("address").asText(), types);
        });
        return byTopic;
    }

    /** Service tag to the component message names its operations send or receive. */
    private static Map<String, Set<String>> messagesByService(String action) {
        Map<String, Set<String>> byService = new TreeMap<>();
        DOC.path("operations").forEach(operation -> {
            if (!operation.path("action").asText().equals(action)) {
                return;
            }
            String service = operation.at("/tags/0/name").asText();
            Set<String> messages = byService.computeIfAbsent(service, s -> new TreeSet<>());
            operation.path("messages").forEach(ref -> {
                String pointer = ref.path("$ref").asText();
                messages.add(pointer.substring(pointer.lastIndexOf('/') + 1));
            });
        });
        return byService;
    }

    private static Set<String> messagesOn(String... topics) {
        Set<String> names = new TreeSet<>();
        for (String topic : topics) {
            names.addAll(names(DOC.at("/channels/" + topic + "/messages")));
        }
        return names;
    }

    private static JsonNode resolve(JsonNode node) {
        return node.has("$ref") ? DOC.at(node.get("$ref").asText().substring(1)) : node;
    }

    /** The message with its traits applied (AsyncAPI merges traits into the message). */
    private static JsonNode withTraits(JsonNode message) {
        ObjectNode merged = Json.MAPPER.createObjectNode();
        message.path("traits").forEach(trait -> merged.setAll((ObjectNode) resolve(trait)));
        merged.setAll((ObjectNode) message);
        return merged;
    }

    private static List<String> refsUnder(JsonNode node) {
        List<String> refs = new ArrayList<>();
        node.findValues("$ref").forEach(ref -> refs.add(ref.asText()));
        return refs;
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.properties().forEach(entry -> names.add(entry.getKey()));
        return names;
    }
}
