package pl.razem.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.ngram.NGramTokenFilter;
import org.apache.lucene.analysis.reverse.ReverseStringFilter;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.TokenFilterFactory;

/**
 * {@code edge_ngram} and {@code ngram} token filters: {@code min_gram} (1),
 * {@code max_gram} (2), {@code preserve_original} (false); edge_ngram also
 * {@code side} (front|back). ngram enforces the index's {@code max_ngram_diff}.
 */
final class NGramFilterFactory extends AbstractTokenFilterFactory {

    private final boolean edge;
    private final int minGram;
    private final int maxGram;
    private final boolean preserveOriginal;
    private final boolean back;

    NGramFilterFactory(IndexSettings indexSettings, String name, Settings settings, boolean edge) {
        super(name, settings);
        this.edge = edge;
        this.minGram = settings.getAsInt("min_gram", 1);
        this.maxGram = settings.getAsInt("max_gram", 2);
        this.preserveOriginal = settings.getAsBoolean("preserve_original", false);
        if (edge) {
            String side = settings.get("side", "front");
            if (side.equals("front") == false && side.equals("back") == false) {
                throw new IllegalArgumentException("invalid side: " + side);
            }
            this.back = side.equals("back");
        } else {
            this.back = false;
            NGramTokenizerFactory.checkNgramDiff(indexSettings, minGram, maxGram, "NGram Tokenizer");
        }
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        if (edge == false) {
            return new NGramTokenFilter(tokenStream, minGram, maxGram, preserveOriginal);
        }
        // Lucene dropped side=back: reversing before and after is equivalent.
        TokenStream result = back ? new ReverseStringFilter(tokenStream) : tokenStream;
        result = new EdgeNGramTokenFilter(result, minGram, maxGram, preserveOriginal);
        return back ? new ReverseStringFilter(result) : result;
    }

    @Override
    public boolean breaksFastVectorHighlighter() {
        return edge;
    }

    /** As in Elasticsearch: grams of the synonym rules would make no sense. */
    @Override
    public TokenFilterFactory getSynonymFilter() {
        throw new IllegalArgumentException("Token filter [" + name() + "] cannot be used to parse synonyms");
    }
}
