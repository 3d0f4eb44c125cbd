package pl.razem.analysis;

import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter;
import org.apache.lucene.analysis.miscellaneous.WordDelimiterIterator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.Analysis;
import org.elasticsearch.index.analysis.TokenFilterFactory;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter.CATENATE_ALL;
import static org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter.CATENATE_NUMBERS;
import static org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter.CATENATE_WORDS;
import static org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter.GENERATE_NUMBER_PARTS;
import static org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter.GENERATE_WORD_PARTS;
import static org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter.IGNORE_KEYWORDS;
import static org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter.PRESERVE_ORIGINAL;
import static org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter.SPLIT_ON_CASE_CHANGE;
import static org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter.SPLIT_ON_NUMERICS;
import static org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter.STEM_ENGLISH_POSSESSIVE;

/**
 * {@code word_delimiter_graph} with the standard settings: generate_word_parts,
 * generate_number_parts, catenate_words, catenate_numbers, catenate_all,
 * split_on_case_change, preserve_original, split_on_numerics,
 * stem_english_possessive, ignore_keywords, adjust_offsets, protected_words
 * (+ _path) and type_table (+ _path).
 */
final class WordDelimiterGraphFilterFactory extends AbstractTokenFilterFactory {

    // Lucene's character-type bits (public only on the deprecated WordDelimiterFilter):
    // LOWER=1, UPPER=2, DIGIT=4, SUBWORD_DELIM=8, ALPHA=LOWER|UPPER, ALPHANUM=ALPHA|DIGIT.
    private static final Map<String, Byte> TYPES = Map.of(
        "LOWER", (byte) 0x01,
        "UPPER", (byte) 0x02,
        "ALPHA", (byte) 0x03,
        "DIGIT", (byte) 0x04,
        "ALPHANUM", (byte) 0x07,
        "SUBWORD_DELIM", (byte) 0x08
    );

    private final int flags;
    private final boolean adjustOffsets;
    private final byte[] typeTable;
    private final CharArraySet protectedWords;

    WordDelimiterGraphFilterFactory(Environment env, String name, Settings settings) {
        super(name, settings);
        int f = 0;
        f |= flag(settings, "generate_word_parts", true, GENERATE_WORD_PARTS);
        f |= flag(settings, "generate_number_parts", true, GENERATE_NUMBER_PARTS);
        f |= flag(settings, "catenate_words", false, CATENATE_WORDS);
        f |= flag(settings, "catenate_numbers", false, CATENATE_NUMBERS);
        f |= flag(settings, "catenate_all", false, CATENATE_ALL);
        f |= flag(settings, "split_on_case_change", true, SPLIT_ON_CASE_CHANGE);
        f |= flag(settings, "preserve_original", false, PRESERVE_ORIGINAL);
        f |= flag(settings, "split_on_numerics", true, SPLIT_ON_NUMERICS);
        f |= flag(settings, "stem_english_possessive", true, STEM_ENGLISH_POSSESSIVE);
        f |= flag(settings, "ignore_keywords", false, IGNORE_KEYWORDS);
        flags = f;
        adjustOffsets = settings.getAsBoolean("adjust_offsets", true);
        CharArraySet words = Analysis.getWordSet(env, settings, "protected_words");
        protectedWords = words == null ? null : CharArraySet.copy(words);
        List<String> typeRules = Analysis.getWordList(env, settings, "type_table");
        typeTable = typeRules == null ? WordDelimiterIterator.DEFAULT_WORD_DELIM_TABLE : parseTypes(typeRules);
    }

    private static int flag(Settings settings, String key, boolean defaultValue, int bit) {
        return settings.getAsBoolean(key, defaultValue) ? bit : 0;
    }

    private static byte[] parseTypes(List<String> rules) {
        byte[] table = WordDelimiterIterator.DEFAULT_WORD_DELIM_TABLE;
        for (String rule : rules) {
            String[] sides = Rules.parse(rule, "word_delimiter type table");
            if (sides[0].length() != 1) {
                throw new IllegalArgumentException("Invalid Mapping Rule : [" + rule + "], only a single character is allowed.");
            }
            Byte type = TYPES.get(sides[1]);
            if (type == null) {
                throw new IllegalArgumentException("Invalid Mapping Rule : [" + rule + "] unknown type " + sides[1]);
            }
            char c = sides[0].charAt(0);
            if (c >= table.length) {
                table = Arrays.copyOf(table, c + 1);
            } else if (table == WordDelimiterIterator.DEFAULT_WORD_DELIM_TABLE) {
                table = table.clone();
            }
            table[c] = type;
        }
        // Characters past the default table that no rule covers keep their Unicode-derived type.
        for (int c = WordDelimiterIterator.DEFAULT_WORD_DELIM_TABLE.length; c < table.length; c++) {
            if (table[c] == 0) {
                table[c] = WordDelimiterIterator.getType(c);
            }
        }
        return table;
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return new WordDelimiterGraphFilter(tokenStream, adjustOffsets, typeTable, flags, protectedWords);
    }

    /** As in Elasticsearch: splitting synonym rules into sub-words is refused. */
    @Override
    public TokenFilterFactory getSynonymFilter() {
        throw new IllegalArgumentException("Token filter [" + name() + "] cannot be used to parse synonyms");
    }
}
