package pl.razem.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.util.CharsRef;
import org.apache.lucene.util.CharsRefBuilder;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexService.IndexCreationContext;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.Analysis;
import org.elasticsearch.index.analysis.AnalysisMode;
import org.elasticsearch.index.analysis.CharFilterFactory;
import org.elasticsearch.index.analysis.CustomAnalyzer;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;

import java.io.IOException;
import java.io.StringReader;
import java.text.ParseException;
import java.util.List;
import java.util.function.Function;

/**
 * {@code synonym} and {@code synonym_graph}: settings {@code synonyms} (inline
 * list) or {@code synonyms_path} in the Solr format,
 * {@code expand} (true), {@code lenient} (default: the value of
 * {@code updateable}), {@code updateable} (false; true = search-time only).
 * {@code synonyms_set} (rules stored in the .synonyms index) and
 * {@code format: wordnet} are not supported.
 *
 * <p>Like Elasticsearch, the rules are analysed with the char filters,
 * tokenizer and token filters that precede this filter in the analyzer (each
 * contributing its {@link TokenFilterFactory#getSynonymFilter()}), so
 * "Charków" in a rule matches "charkow" after lowercase + asciifolding.
 */
final class SynonymFilterFactory extends AbstractTokenFilterFactory {

    private final boolean graph;
    private final Environment environment;
    private final Settings settings;
    private final boolean expand;
    private final boolean lenient;
    private final AnalysisMode analysisMode;

    SynonymFilterFactory(Environment environment, String name, Settings settings, boolean graph) {
        super(name, settings);
        this.graph = graph;
        this.environment = environment;
        this.settings = settings;
        if (settings.hasValue("synonyms") == false && settings.hasValue("synonyms_path") == false) {
            if (settings.hasValue("synonyms_set")) {
                throw new IllegalArgumentException(
                    "[synonyms_set] is not supported by the razem-analysis test plugin; use [synonyms] or [synonyms_path]"
                );
            }
            throw new IllegalArgumentException("synonym requires either `synonyms`, `synonyms_set` or `synonyms_path` to be configured");
        }
        this.expand = settings.getAsBoolean("expand", true);
        boolean updateable = settings.getAsBoolean("updateable", false);
        this.lenient = settings.getAsBoolean("lenient", updateable);
        String format = settings.get("format", "");
        if ("wordnet".equalsIgnoreCase(format)) {
            throw new IllegalArgumentException("[format: wordnet] is not supported by the razem-analysis test plugin; use the solr format");
        }
        this.analysisMode = updateable ? AnalysisMode.SEARCH_TIME : AnalysisMode.ALL;
    }

    @Override
    public AnalysisMode getAnalysisMode() {
        return analysisMode;
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        throw new IllegalStateException("Call getChainAwareTokenFilterFactory to specialize this factory for an analysis chain first");
    }

    @Override
    public TokenFilterFactory getChainAwareTokenFilterFactory(
        IndexCreationContext context,
        TokenizerFactory tokenizer,
        List<CharFilterFactory> charFilters,
        List<TokenFilterFactory> previousTokenFilters,
        Function<String, TokenFilterFactory> allFilters
    ) {
        Analyzer ruleAnalyzer = new CustomAnalyzer(
            tokenizer,
            charFilters.toArray(new CharFilterFactory[0]),
            previousTokenFilters.stream().map(TokenFilterFactory::getSynonymFilter).toArray(TokenFilterFactory[]::new)
        );
        SynonymMap map = buildMap(ruleAnalyzer);
        String name = name();
        AnalysisMode mode = analysisMode;
        boolean isGraph = graph;
        return new TokenFilterFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            @SuppressWarnings("deprecation") // SynonymFilter: the standard `synonym` filter is still this one
            public TokenStream create(TokenStream tokenStream) {
                if (map.fst == null) {
                    return tokenStream;
                }
                return isGraph
                    ? new SynonymGraphFilter(tokenStream, map, false)
                    : new org.apache.lucene.analysis.synonym.SynonymFilter(tokenStream, map, false);
            }

            /** A later synonym filter must not see this one's stacked outputs while parsing its rules. */
            @Override
            public TokenFilterFactory getSynonymFilter() {
                return IDENTITY_FILTER;
            }

            @Override
            public AnalysisMode getAnalysisMode() {
                return mode;
            }
        };
    }

    private SynonymMap buildMap(Analyzer analyzer) {
        // getWordList reads `synonyms_path` when set, else the inline `synonyms` list; '#' lines are comments.
        List<String> lines = Analysis.getWordList(environment, settings, "synonyms");
        StringBuilder rules = new StringBuilder();
        for (String line : lines) {
            rules.append(line).append('\n');
        }
        try {
            SolrSynonymParser parser = new SolrSynonymParser(true, expand, analyzer) {
                @Override
                public CharsRef analyze(String text, CharsRefBuilder reuse) throws IOException {
                    try {
                        return super.analyze(text, reuse);
                    } catch (IllegalArgumentException e) {
                        // lenient: a term the chain eliminates (e.g. a stop word) empties the rule, skipped in add()
                        if (lenient) {
                            return new CharsRef("");
                        }
                        throw e;
                    }
                }

                @Override
                public void add(CharsRef input, CharsRef output, boolean includeOrig) {
                    if (lenient == false || (input.length > 0 && output.length > 0)) {
                        super.add(input, output, includeOrig);
                    }
                }
            };
            parser.parse(new StringReader(rules.toString()));
            return parser.build();
        } catch (IOException | ParseException | RuntimeException e) {
            throw new IllegalArgumentException("failed to build synonyms from ['" + name() + "' analyzer settings]", e);
        }
    }
}
