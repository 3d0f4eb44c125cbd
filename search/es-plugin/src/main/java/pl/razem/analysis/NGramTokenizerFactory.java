package pl.razem.analysis;

import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenizer;
import org.apache.lucene.analysis.ngram.NGramTokenizer;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractTokenizerFactory;

import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;

/**
 * {@code edge_ngram} and {@code ngram} tokenizers: {@code min_gram} (1),
 * {@code max_gram} (2), {@code token_chars} (letter, digit, whitespace,
 * punctuation, symbol, custom; empty = keep all) and {@code custom_token_chars}.
 */
final class NGramTokenizerFactory extends AbstractTokenizerFactory {

    private final boolean edge;
    private final int minGram;
    private final int maxGram;
    private final IntPredicate tokenChar; // null: every character is a token character

    NGramTokenizerFactory(IndexSettings indexSettings, String name, Settings settings, boolean edge) {
        super(indexSettings, settings, name);
        this.edge = edge;
        this.minGram = settings.getAsInt("min_gram", NGramTokenizer.DEFAULT_MIN_NGRAM_SIZE);
        this.maxGram = settings.getAsInt("max_gram", NGramTokenizer.DEFAULT_MAX_NGRAM_SIZE);
        if (edge == false) {
            checkNgramDiff(indexSettings, minGram, maxGram, "NGram Tokenizer");
        }
        this.tokenChar = parseTokenChars(settings);
    }

    static void checkNgramDiff(IndexSettings indexSettings, int minGram, int maxGram, String what) {
        int allowed = indexSettings.getMaxNgramDiff();
        if (maxGram - minGram > allowed) {
            throw new IllegalArgumentException(
                "The difference between max_gram and min_gram in " + what + " must be less than or equal to: ["
                    + allowed + "] but was [" + (maxGram - minGram) + "]. This limit can be set by changing the ["
                    + IndexSettings.MAX_NGRAM_DIFF_SETTING.getKey() + "] index level setting."
            );
        }
    }

    private static IntPredicate parseTokenChars(Settings settings) {
        List<String> classes = settings.getAsList("token_chars");
        if (classes.isEmpty()) {
            return null;
        }
        IntPredicate result = c -> false;
        for (String raw : classes) {
            String cls = raw.toLowerCase(Locale.ROOT).trim();
            IntPredicate p = switch (cls) {
                case "letter" -> Character::isLetter;
                case "digit" -> Character::isDigit;
                case "whitespace" -> Character::isWhitespace;
                case "punctuation" -> c -> switch (Character.getType(c)) {
                    case Character.START_PUNCTUATION, Character.END_PUNCTUATION, Character.OTHER_PUNCTUATION,
                        Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                        Character.FINAL_QUOTE_PUNCTUATION -> true;
                    default -> false;
                };
                case "symbol" -> c -> switch (Character.getType(c)) {
                    case Character.CURRENCY_SYMBOL, Character.MATH_SYMBOL, Character.OTHER_SYMBOL,
                        Character.MODIFIER_SYMBOL -> true;
                    default -> false;
                };
                case "custom" -> {
                    String custom = settings.get("custom_token_chars");
                    if (custom == null) {
                        throw new IllegalArgumentException("Token type: [custom] requires setting [custom_token_chars]");
                    }
                    int[] cps = custom.codePoints().toArray();
                    yield c -> {
                        for (int cp : cps) {
                            if (cp == c) {
                                return true;
                            }
                        }
                        return false;
                    };
                }
                default -> throw new IllegalArgumentException(
                    "Unknown token type: '" + cls + "', must be one of [symbol, custom, whitespace, letter, punctuation, digit]"
                );
            };
            result = result.or(p);
        }
        return result;
    }

    @Override
    public Tokenizer create() {
        IntPredicate keep = tokenChar;
        if (edge) {
            return keep == null ? new EdgeNGramTokenizer(minGram, maxGram) : new EdgeNGramTokenizer(minGram, maxGram) {
                @Override
                protected boolean isTokenChar(int chr) {
                    return keep.test(chr);
                }
            };
        }
        return keep == null ? new NGramTokenizer(minGram, maxGram) : new NGramTokenizer(minGram, maxGram) {
            @Override
            protected boolean isTokenChar(int chr) {
                return keep.test(chr);
            }
        };
    }
}
