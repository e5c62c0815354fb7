package dev.suiteflow.coverage;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits identifiers into words: {@code discountIsRoundedToTheCent} → discount is rounded to the cent,
 * {@code HTTPServerIT} → http server it, {@code rejects_negative_price2} → rejects negative price 2.
 * No synonyms, no stemming: that is the analyzer's job.
 */
public final class Words {

    private static final Pattern IDENTIFIER = Pattern.compile("[\\p{L}\\p{N}_$]+");
    /** Boundaries: lower→Upper, UPPER→Upper+lower, letter↔digit. */
    private static final Pattern CAMEL = Pattern.compile(
            "(?<=\\p{Ll})(?=\\p{Lu})|(?<=\\p{Lu})(?=\\p{Lu}\\p{Ll})|(?<=\\p{L})(?=\\p{N})|(?<=\\p{N})(?=\\p{L})");

    private Words() {
    }

    /** The words of one identifier, lower case. */
    public static List<String> split(String identifier) {
        List<String> words = new ArrayList<>();
        for (String part : identifier.split("[_$]+")) {
            for (String word : CAMEL.split(part)) {
                if (!word.isEmpty()) {
                    words.add(word.toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
        for (int i = 0; i + 2 < words.size(); i++) { // E2E is one word, not e, 2, e
            if (words.get(i).equals("e") && words.get(i + 1).equals("2") && words.get(i + 2).equals("e")) {
                words.subList(i, i + 3).clear();
                words.add(i, "e2e");
            }
        }
        return words;
    }

    /** Free text with every identifier-looking token split into its words ({@code PriceCalculator} → price calculator). */
    public static String splitIdentifiers(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        Matcher m = IDENTIFIER.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 16);
        while (m.find()) {
            String token = m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(needsSplit(token) ? String.join(" ", split(token)) : token));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static boolean needsSplit(String token) {
        if (token.indexOf('_') >= 0 || token.indexOf('$') >= 0) {
            return true;
        }
        for (int i = 1; i < token.length(); i++) {
            char a = token.charAt(i - 1);
            char b = token.charAt(i);
            if (Character.isLowerCase(a) && Character.isUpperCase(b)
                    || Character.isLetter(a) && Character.isDigit(b)
                    || Character.isDigit(a) && Character.isLetter(b)) {
                return true;
            }
        }
        return false;
    }
}
