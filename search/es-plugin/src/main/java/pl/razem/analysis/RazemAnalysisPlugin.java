package pl.razem.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.core.FlattenGraphFilter;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.core.UpperCaseFilter;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.LengthFilter;
import org.apache.lucene.analysis.miscellaneous.RemoveDuplicatesTokenFilter;
import org.apache.lucene.analysis.miscellaneous.TrimFilter;
import org.apache.lucene.analysis.miscellaneous.TruncateTokenFilter;
import org.apache.lucene.analysis.reverse.ReverseStringFilter;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.util.AttributeFactory;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.AbstractTokenizerFactory;
import org.elasticsearch.index.analysis.AnalyzerProvider;
import org.elasticsearch.index.analysis.CharFilterFactory;
import org.elasticsearch.index.analysis.NormalizingTokenFilterFactory;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import static org.elasticsearch.plugins.AnalysisPlugin.requiresAnalysisSettings;

/**
 * Registers, under their standard Elasticsearch names and with their standard
 * settings, the analysis-common components that the integ-test-zip lacks.
 *
 * <p>Only for the integ-test-zip used in development and CI: on a full
 * distribution the analysis-common module provides the same names, and this
 * plugin must not be installed (it would clash with them).
 */
public class RazemAnalysisPlugin extends Plugin implements AnalysisPlugin {

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        Map<String, AnalysisProvider<TokenFilterFactory>> m = new TreeMap<>();
        m.put("asciifolding", (is, env, name, s) -> new AsciiFoldingFilterFactory(name, s));
        m.put("edge_ngram", (is, env, name, s) -> new NGramFilterFactory(is, name, s, true));
        m.put("ngram", (is, env, name, s) -> new NGramFilterFactory(is, name, s, false));
        m.put("synonym", requiresAnalysisSettings((is, env, name, s) -> new SynonymFilterFactory(env, name, s, false)));
        m.put("synonym_graph", requiresAnalysisSettings((is, env, name, s) -> new SynonymFilterFactory(env, name, s, true)));
        m.put("stemmer", (is, env, name, s) -> new StemmerFilterFactory(name, s));
        m.put("word_delimiter_graph", (is, env, name, s) -> new WordDelimiterGraphFilterFactory(env, name, s));
        m.put("unique", (is, env, name, s) -> {
            boolean samePosition = s.getAsBoolean("only_on_same_position", false);
            return simple(name, s, ts -> new UniqueTokenFilter(ts, samePosition));
        });
        m.put("porter_stem", (is, env, name, s) -> simple(name, s, PorterStemFilter::new));
        m.put("kstem", (is, env, name, s) -> simple(name, s, KStemFilter::new));
        m.put("trim", (is, env, name, s) -> normalizing(name, s, TrimFilter::new));
        m.put("uppercase", (is, env, name, s) -> normalizing(name, s, UpperCaseFilter::new));
        m.put("truncate", (is, env, name, s) -> {
            int length = s.getAsInt("length", 10);
            if (length <= 0) {
                throw new IllegalArgumentException("length parameter must be provided");
            }
            return simple(name, s, ts -> new TruncateTokenFilter(ts, length));
        });
        m.put("length", (is, env, name, s) -> {
            int min = s.getAsInt("min", 0);
            int max = s.getAsInt("max", Integer.MAX_VALUE);
            return simple(name, s, ts -> new LengthFilter(ts, min, max));
        });
        m.put("reverse", (is, env, name, s) -> simple(name, s, ReverseStringFilter::new));
        m.put("remove_duplicates", (is, env, name, s) -> simple(name, s, RemoveDuplicatesTokenFilter::new));
        // Needed after synonym_graph / word_delimiter_graph in index-time analyzers.
        m.put("flatten_graph", (is, env, name, s) -> simple(name, s, FlattenGraphFilter::new));
        return m;
    }

    @Override
    public Map<String, AnalysisProvider<CharFilterFactory>> getCharFilters() {
        Map<String, AnalysisProvider<CharFilterFactory>> m = new TreeMap<>();
        m.put("mapping", requiresAnalysisSettings((is, env, name, s) -> new MappingCharFilterFactory(env, name, s)));
        m.put("html_strip", (is, env, name, s) -> new HtmlStripCharFilterFactory(name, s));
        return m;
    }

    @Override
    public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
        Map<String, AnalysisProvider<TokenizerFactory>> m = new TreeMap<>();
        m.put("whitespace", (is, env, name, s) -> {
            int maxLen = s.getAsInt("max_token_length", StandardAnalyzer.DEFAULT_MAX_TOKEN_LENGTH);
            return tokenizer(is, s, name, () -> new WhitespaceTokenizer(AttributeFactory.DEFAULT_ATTRIBUTE_FACTORY, maxLen));
        });
        m.put("keyword", (is, env, name, s) -> {
            int bufferSize = s.getAsInt("buffer_size", 256);
            return tokenizer(is, s, name, () -> new KeywordTokenizer(bufferSize));
        });
        m.put("edge_ngram", (is, env, name, s) -> new NGramTokenizerFactory(is, name, s, true));
        m.put("ngram", (is, env, name, s) -> new NGramTokenizerFactory(is, name, s, false));
        return m;
    }

    @Override
    public Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> getAnalyzers() {
        return Map.of("english", (is, env, name, s) -> new EnglishAnalyzerProvider(env, name, s));
    }

    // ------------------------------------------------------------- helpers ---

    /** A settings-free (apart from its own lambda captures) token filter factory. */
    static TokenFilterFactory simple(String name, Settings settings, Function<TokenStream, TokenStream> create) {
        return new AbstractTokenFilterFactory(name, settings) {
            @Override
            public TokenStream create(TokenStream tokenStream) {
                return create.apply(tokenStream);
            }
        };
    }

    /** Like {@link #simple} but also usable in normalizers (one token in, one token out). */
    static TokenFilterFactory normalizing(String name, Settings settings, Function<TokenStream, TokenStream> create) {
        class Normalizing extends AbstractTokenFilterFactory implements NormalizingTokenFilterFactory {
            Normalizing() {
                super(name, settings);
            }

            @Override
            public TokenStream create(TokenStream tokenStream) {
                return create.apply(tokenStream);
            }
        }
        return new Normalizing();
    }

    static TokenizerFactory tokenizer(
        org.elasticsearch.index.IndexSettings indexSettings,
        Settings settings,
        String name,
        java.util.function.Supplier<org.apache.lucene.analysis.Tokenizer> create
    ) {
        return new AbstractTokenizerFactory(indexSettings, settings, name) {
            @Override
            public org.apache.lucene.analysis.Tokenizer create() {
                return create.get();
            }
        };
    }
}
