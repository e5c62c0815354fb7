package dev.suiteflow.coverage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.suiteflow.events.CriterionCoverage.ScenarioProposal;

/**
 * Drafts Given/When/Then scenarios for a criterion no test covers: deterministic text heuristics, a starting point
 * for a person, not a finished test.
 *
 * <p>The criterion's first sentence is read as, in this order:
 * <ol>
 *   <li>{@code Given X, when Y, then Z} → as written;</li>
 *   <li>{@code As a R, <rest>} → Given "a R", the rest read by the next rules;</li>
 *   <li>{@code When/If/Once/After X, (then) Y} → When X, Then Y, Given the subject of Y;</li>
 *   <li>{@code X(,) then Y} → When X, Then Y;</li>
 *   <li>{@code S <modal> P} (the first of can, cannot, must (not), should (not), never, always, will, is, are, …
 *       whose subject does not end in "that/which/who") → Given S; for can/cannot-like modals followed by a verb,
 *       When "it tries / they try to P", Then "it succeeds" / "it is refused and nothing changes"; otherwise When "the
 *       behaviour is exercised on S", Then the criterion itself;</li>
 *   <li>anything else → Given "the system in its usual state", When "the behaviour is exercised", Then the text.</li>
 * </ol>
 * The phase: words of a UI or a whole flow (ui, page, screen, click, browser, flow, journey, checkout,
 * end-to-end, …) → e2e; of a database, service, API, file, provider, queue, concurrency (…) → integration;
 * otherwise unit. Besides this main draft: a boundary draft when the criterion states a limit (a number, at most,
 * at least, never, negative, …), and a unit-level draft of the rule itself when the main one is e2e. So 1 to 3
 * proposals, always in the same order for the same text.
 */
public final class ScenarioDrafter {

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;
    private static final Pattern GWT = Pattern.compile("^given\\s+(.+?)[,;]?\\s+when\\s+(.+?)[,;]?\\s+then\\s+(.+)$", FLAGS);
    private static final Pattern ROLE = Pattern.compile("^as\\s+(an?\\s+[^,]+?),\\s*(.+)$", FLAGS);
    private static final Pattern WANT = Pattern.compile("^they\\s+(?:want to|would like to|need to|can)\\s+(.+?)(?:,?\\s+so that\\s+(.+))?$", FLAGS);
    private static final Pattern WHEN = Pattern.compile("^(?:when|whenever|if|once|after)\\s+(.+?),\\s*(?:then\\s+)?(.+)$", FLAGS);
    private static final Pattern THEN = Pattern.compile("^(.+?),?\\s+then\\s+(.+)$", FLAGS);
    private static final Pattern MODAL = Pattern.compile("\\b(must not|should not|shall not|cannot|can not|can't|"
            + "does not|do not|doesn't|don't|is never|are never|never|must|should|shall|can|may|will|always|"
            + "is|are|gets|get|has|have)\\b", Pattern.CASE_INSENSITIVE);
    private static final Set<String> CAN = Set.of("can", "may");
    private static final Set<String> CANNOT = Set.of("cannot", "can not", "can't", "must not", "should not",
            "shall not", "does not", "do not", "doesn't", "don't");
    private static final Set<String> RELATIVE = Set.of("that", "which", "who", "whose", "where");
    private static final Set<String> PEOPLE = Set.of("customer", "user", "admin", "administrator", "operator",
            "buyer", "seller", "member", "client", "visitor", "employee", "person", "people", "customers", "users",
            "shopper", "owner", "manager", "he", "she", "they");

    private static final Pattern E2E_WORDS = Pattern.compile("\\b(ui|user interface|screen|page|pages|browser|click|"
            + "clicks|button|form|forms|flow|journey|checkout|check out|checks out|end-to-end|end to end|e2e|"
            + "navigate|navigates|dashboard|whole|receipt)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern INTEGRATION_WORDS = Pattern.compile("\\b(database|db|repository|service|services|"
            + "api|endpoint|http|rest|kafka|queue|topic|integration|persist|persisted|persists|stored|saved|file|"
            + "files|provider|gateway|concurrent|concurrently|at the same time|transaction|network|external|message|"
            + "messages|e-mail|email|sql|cache|catalog file|together)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern LIMIT_WORDS = Pattern.compile("\\b(\\d+(?:[.,]\\d+)?|at most|at least|more than|"
            + "less than|fewer than|up to|between|limit|maximum|minimum|never|negative|zero|empty|exceed|exceeds|"
            + "above|below|outside|too long|too many)\\b", Pattern.CASE_INSENSITIVE);

    private ScenarioDrafter() {
    }

    /** 1 to 3 drafts for a criterion text. */
    public static List<ScenarioProposal> draft(String criterion) {
        String text = firstSentence(Requirements.strip(criterion == null ? "" : criterion));
        if (text.isEmpty()) {
            return List.of(new ScenarioProposal("unit", "the system in its usual state", "the behaviour is exercised",
                    "the expected outcome is observed"));
        }
        String[] gwt = parse(text);
        String phase = phase(criterion);
        List<ScenarioProposal> drafts = new ArrayList<>();
        drafts.add(new ScenarioProposal(phase, gwt[0], gwt[1], gwt[2]));
        Matcher limit = LIMIT_WORDS.matcher(text);
        if (limit.find()) {
            String word = limit.group(1).toLowerCase(Locale.ROOT);
            boolean number = Character.isDigit(word.charAt(0));
            drafts.add(new ScenarioProposal(phase, gwt[0],
                    number ? "the input is exactly at the limit " + word + ", then just past it"
                            : "an input at the edge of the rule (\"" + word + "\") and one just past it is given",
                    "the one within the rule is accepted; the one past it is refused and nothing changes"));
        }
        if (phase.equals("e2e")) {
            drafts.add(new ScenarioProposal("unit", gwt[0], "the rule is exercised directly, without the whole flow",
                    decapitalize(text)));
        }
        return List.copyOf(drafts);
    }

    /** unit, integration or e2e, from the words of the criterion. */
    public static String phase(String criterion) {
        String text = criterion == null ? "" : criterion;
        if (E2E_WORDS.matcher(text).find()) {
            return "e2e";
        }
        if (INTEGRATION_WORDS.matcher(text).find()) {
            return "integration";
        }
        return "unit";
    }

    private static String[] parse(String text) {
        Matcher m = GWT.matcher(text);
        if (m.matches()) {
            return new String[] {clean(m.group(1)), clean(m.group(2)), clean(m.group(3))};
        }
        m = ROLE.matcher(text);
        if (m.matches()) {
            String role = decapitalize(clean(m.group(1)));
            String rest = m.group(2).strip().replaceAll("\\bI am\\b", "they are").replaceAll("\\bI\\b", "they")
                    .replaceAll("(?i)\\bmy\\b", "their").replaceAll("(?i)\\bme\\b", "them");
            Matcher want = WANT.matcher(rest);
            if (want.matches()) {
                String goal = want.group(2) == null ? "it succeeds" : clean(want.group(2));
                return new String[] {role, "they " + clean(want.group(1)), goal};
            }
            String[] inner = parse(rest);
            inner[0] = role;
            return inner;
        }
        m = WHEN.matcher(text);
        if (m.matches()) {
            String then = clean(m.group(2));
            String[] outcome = modal(then);
            String given = outcome != null ? outcome[0] : "the system in its usual state";
            return new String[] {given, clean(m.group(1)), then};
        }
        m = THEN.matcher(text);
        if (m.matches()) {
            return new String[] {"the system in its usual state", clean(m.group(1)), clean(m.group(2))};
        }
        String[] modal = modal(text);
        if (modal != null) {
            return modal;
        }
        return new String[] {"the system in its usual state", "the behaviour is exercised", decapitalize(text)};
    }

    /** Given/When/Then from "subject modal predicate", or null. */
    private static String[] modal(String text) {
        Matcher m = MODAL.matcher(text);
        while (m.find()) {
            String subject = text.substring(0, m.start()).strip();
            if (subject.isEmpty()) {
                continue;
            }
            String[] words = subject.split("\\s+");
            if (RELATIVE.contains(words[words.length - 1].toLowerCase(Locale.ROOT))) {
                continue;
            }
            String modal = m.group(1).toLowerCase(Locale.ROOT);
            String predicate = clean(text.substring(m.end()));
            String given = decapitalize(clean(subject));
            String pronoun = isPerson(subject) ? "they try" : "it tries";
            if (CAN.contains(modal) && !predicate.isEmpty()) {
                return new String[] {given, pronoun + " to " + predicate, "it succeeds"};
            }
            if (CANNOT.contains(modal) && !predicate.isEmpty() && !predicate.startsWith("be ")) {
                return new String[] {given, pronoun + " to " + predicate, "it is refused and nothing changes"};
            }
            return new String[] {given, "the behaviour is exercised on " + given, decapitalize(clean(text))};
        }
        return null;
    }

    private static boolean isPerson(String subject) {
        for (String word : subject.toLowerCase(Locale.ROOT).split("\\W+")) {
            if (PEOPLE.contains(word)) {
                return true;
            }
        }
        return false;
    }

    private static String firstSentence(String text) {
        String t = text.replaceAll("\\s+", " ").strip();
        Matcher m = Pattern.compile("(?<=[a-z0-9)][.!?])\\s+(?=[A-Z])").matcher(t);
        if (m.find()) {
            t = t.substring(0, m.start());
        }
        return clean(t);
    }

    private static String clean(String s) {
        return s.strip().replaceAll("^[,;:\\s]+|[.,;:!\\s]+$", "");
    }

    private static String decapitalize(String s) {
        if (s.length() > 1 && Character.isUpperCase(s.charAt(0)) && !Character.isUpperCase(s.charAt(1))) {
            return Character.toLowerCase(s.charAt(0)) + s.substring(1);
        }
        return s;
    }
}
