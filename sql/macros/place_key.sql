-- place_key(name): spellings of one place compare equal ("Al Hasakeh" = "al-Hasakah" = "Hasaka"), as the Python
-- pipeline.places.names.name_key folds them: accents and apostrophes dropped, split on non-alphanumerics, article
-- tokens (al-, el-, ad-, ez- ...) dropped from multi-word names, and per word doubled letters collapsed, a final
-- vowel+h cut, a final -e read as -a, ou -> u, q -> k. Stored in the warehouse so every DuckDB client has it.
-- (Latin-script names; name_key also transliterates other scripts, which this macro leaves out.)
CREATE OR REPLACE MACRO place_key_words(name) AS
list_filter(
    regexp_split_to_array(
        regexp_replace(
            translate(
                replace(replace(replace(replace(replace(
                    strip_accents(lower(name)),
                    'ß', 'ss'
                ), 'æ', 'ae'), 'œ', 'oe'), 'þ', 'th'), 'ə', 'a'),
                'ıłøđðħŧ', 'iloddht'
            ),
            '[''`´’‘ʿʾʼ]', '', 'g'
        ),
        '[^a-z0-9]+'
    ),
    LAMBDA word: word <> ''
);

CREATE OR REPLACE MACRO place_key_single(word) AS
regexp_replace(array_to_string(list_transform(
    list_filter(range(1, length(word) + 1), LAMBDA i: i = 1 OR substr(word, i, 1) <> substr(word, i - 1, 1)),
    LAMBDA i: substr(word, i, 1)
), ''), '([aeiou])h$', '\1');

CREATE OR REPLACE MACRO place_key_fold(word) AS
replace(replace(replace(
    CASE
        WHEN length(place_key_single(word)) > 3 THEN regexp_replace(place_key_single(word), 'e$', 'a')
        ELSE place_key_single(word)
    END,
    'ou', 'u'
), 'ee', 'i'), 'q', 'k');

CREATE OR REPLACE MACRO place_key_articles() AS
[
    'al', 'el', 'ad', 'ar', 'as', 'ash', 'at', 'az', 'an', 'adh', 'ath', 'ed', 'er', 'es', 'ez', 'et', 'en', 'ul',
    'ud', 'ur', 'us', 'the'
];

CREATE OR REPLACE MACRO place_key(name) AS
CASE WHEN name IS NULL THEN NULL ELSE array_to_string(list_transform(
    CASE
        WHEN
            len(place_key_words(name)) > 1
            AND len(list_filter(place_key_words(name), LAMBDA word: NOT list_contains(place_key_articles(), word))) > 0
            THEN list_filter(place_key_words(name), LAMBDA word: NOT list_contains(place_key_articles(), word))
        ELSE place_key_words(name)
    END,
    LAMBDA word: place_key_fold(word)
), '') END;
