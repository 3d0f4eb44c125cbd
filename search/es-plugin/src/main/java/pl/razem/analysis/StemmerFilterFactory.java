package pl.razem.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.ru.RussianLightStemFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.tartarus.snowball.ext.EnglishStemmer;
import org.tartarus.snowball.ext.RussianStemmer;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code stemmer}: setting {@code language} (or its alias {@code name}),
 * default "porter". Only the English and Russian stemmers are provided here;
 * other languages are rejected with a clear error (the full distribution
 * knows them all).
 */
final class StemmerFilterFactory extends AbstractTokenFilterFactory {

    private static final Map<String, Function<TokenStream, TokenStream>> STEMMERS = Map.ofEntries(
        Map.entry("english", PorterStemFilter::new),
        Map.entry("porter", PorterStemFilter::new),
        Map.entry("porter2", ts -> new SnowballFilter(ts, new EnglishStemmer())),
        Map.entry("light_english", KStemFilter::new),
        Map.entry("lightenglish", KStemFilter::new),
        Map.entry("kstem", KStemFilter::new),
        Map.entry("minimal_english", EnglishMinimalStemFilter::new),
        Map.entry("minimalenglish", EnglishMinimalStemFilter::new),
        Map.entry("possessive_english", EnglishPossessiveFilter::new),
        Map.entry("possessiveenglish", EnglishPossessiveFilter::new),
        Map.entry("russian", ts -> new SnowballFilter(ts, new RussianStemmer())),
        Map.entry("light_russian", RussianLightStemFilter::new),
        Map.entry("lightrussian", RussianLightStemFilter::new)
    );

    private final Function<TokenStream, TokenStream> stemmer;

    StemmerFilterFactory(String name, Settings settings) {
        super(name, settings);
        String language = settings.get("language", settings.get("name", "porter"));
        stemmer = STEMMERS.get(language.toLowerCase(Locale.ROOT));
        if (stemmer == null) {
            throw new IllegalArgumentException(
                "stemmer language [" + language + "] is not provided by the razem-analysis test plugin; supported: "
                    + new java.util.TreeSet<>(STEMMERS.keySet())
            );
        }
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return stemmer.apply(tokenStream);
    }
}
