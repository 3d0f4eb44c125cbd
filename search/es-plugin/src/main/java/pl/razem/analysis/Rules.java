package pl.razem.analysis;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsing of "left => right" rules as used by the mapping char filter and word_delimiter type tables. */
final class Rules {

    private static final Pattern RULE = Pattern.compile("(.*)\\s*=>\\s*(.*)\\s*$");

    private Rules() {}

    /** Splits a rule into its unescaped [left, right] sides; left must be non-empty. */
    static String[] parse(String rule, String what) {
        Matcher m = RULE.matcher(rule);
        if (m.find() == false) {
            throw new IllegalArgumentException("Invalid " + what + " rule : [" + rule + "]");
        }
        String left = unescape(m.group(1).trim());
        String right = unescape(m.group(2).trim());
        if (left.isEmpty()) {
            throw new IllegalArgumentException("Invalid " + what + " rule: [" + rule + "]. Illegal mapping.");
        }
        return new String[] { left, right };
    }

    /** Resolves \\ \" \' \n \t \r \b \f and \\uXXXX escapes. */
    static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) {
                out.append(c);
                continue;
            }
            char n = s.charAt(++i);
            switch (n) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    if (i + 4 >= s.length()) {
                        throw new IllegalArgumentException("Invalid escaped char in [" + s + "]");
                    }
                    out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> out.append(n); // \\, \", \' and anything else: the character itself
            }
        }
        return out.toString();
    }
}
