-- khabar's embedded store. Article ids are content hashes, so writing an article twice is a no-op.
-- Every article's rows are written in the same transaction as the article itself.

CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- One row per distinct text. `num` is stable (an alias of rowid) and is the rowid of article_keys.
CREATE TABLE IF NOT EXISTS articles (
    num INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,            -- first 16 hex digits of content_hash
    content_hash TEXT NOT NULL,         -- sha1 of the NFC text with whitespace collapsed
    page_id TEXT,                       -- the input's own id (file name, DOCNO, JSON id)
    source TEXT,                        -- where it was first read (path, archive member, JSON item)
    position INTEGER,
    url TEXT,
    outlet TEXT,
    agency TEXT,
    headline TEXT,
    date TEXT,                          -- ISO date: the dateline's, else the input's own date
    place TEXT,                         -- dateline place in English
    country TEXT,                       -- dateline country (ISO3)
    sentences INTEGER NOT NULL,
    tokens INTEGER NOT NULL,
    story_id TEXT,                      -- smallest id among the copies of one story (dedup.py)
    duplicate_of TEXT,                  -- near-duplicate of this article (dedup.py)
    similarity REAL,                    -- estimated Jaccard with duplicate_of
    doc BLOB NOT NULL                   -- Article.to_dict() as JSON, zlib-compressed (docs.py): the read contract
);
CREATE INDEX IF NOT EXISTS articles_date ON articles(date);
CREATE INDEX IF NOT EXISTS articles_agency ON articles(agency);
CREATE INDEX IF NOT EXISTS articles_outlet ON articles(outlet);
CREATE INDEX IF NOT EXISTS articles_country ON articles(country);
CREATE INDEX IF NOT EXISTS articles_story ON articles(story_id);
CREATE INDEX IF NOT EXISTS articles_duplicate ON articles(duplicate_of) WHERE duplicate_of IS NOT NULL;

-- Every page read, also those whose text was already stored (exact duplicates). A page is known by
-- where it was read and its id (`repeat` counts earlier pages with both the same in that input), not
-- by its position: a file's index in a folder changes when files are added. A rowid table: its two
-- other indexes then carry a rowid, not the (long) source path of the key.
CREATE TABLE IF NOT EXISTS copies (
    source TEXT NOT NULL,
    page_id TEXT NOT NULL,
    repeat INTEGER NOT NULL,
    position INTEGER NOT NULL,
    article_id TEXT NOT NULL,
    url TEXT,
    url_key TEXT,                       -- the URL without scheme, "www." and trailing "/"
    UNIQUE (source, page_id, repeat)
);
CREATE INDEX IF NOT EXISTS copies_article ON copies(article_id);
CREATE INDEX IF NOT EXISTS copies_url ON copies(url_key);

-- The tables of an article's annotations are keyed by its number (articles.num), not its hash id:
-- numbers are given in the order of writing, so a write's rows land at the right edge of each B-tree
-- (a few pages per batch) instead of on a random page each, and a key costs 1-3 bytes, not 17.

-- Named-entity mentions (role "mention") and resolved titles and demonyms (role "reference").
CREATE TABLE IF NOT EXISTS mentions (
    article_num INTEGER NOT NULL,       -- articles.num
    n INTEGER NOT NULL,
    role TEXT NOT NULL,
    part TEXT NOT NULL,                 -- body or headline: what start/end point into
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,                 -- folded (SQL: fold(text)) in entity_keys and the Parquet export
    type TEXT,
    entity_id TEXT,
    name_en TEXT,
    country TEXT,
    kind TEXT,
    how TEXT,
    PRIMARY KEY (article_num, n)
) WITHOUT ROWID;

-- Entities by the folded text of their mentions (a name given as written finds them): the distinct
-- pairs, far fewer than mentions, instead of an index of every mention by its text.
CREATE TABLE IF NOT EXISTS entity_keys (
    key TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    PRIMARY KEY (key, entity_id)
) WITHOUT ROWID;

-- Knowledge-base entities (Wikidata ids) and unlinked names ("text:TYPE:folded name").
CREATE TABLE IF NOT EXISTS entities (
    id TEXT PRIMARY KEY,
    type TEXT,
    name_en TEXT,
    name_ar TEXT,                       -- the first mention text met
    country TEXT
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS entities_name ON entities(name_en COLLATE NOCASE);
CREATE INDEX IF NOT EXISTS entities_country ON entities(country) WHERE country IS NOT NULL;

CREATE TABLE IF NOT EXISTS article_entities (
    article_num INTEGER NOT NULL,
    entity_id TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    date TEXT,                          -- the article's date (an entity's latest articles, by index)
    PRIMARY KEY (article_num, entity_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS article_entities_entity ON article_entities(entity_id, date DESC);

CREATE TABLE IF NOT EXISTS events (
    article_num INTEGER NOT NULL,
    n INTEGER NOT NULL,
    type TEXT NOT NULL,                 -- PLOVER event type
    sentence INTEGER NOT NULL,          -- index into sentences; -1 for the headline
    trigger TEXT,
    trigger_start INTEGER,
    trigger_end INTEGER,
    source TEXT,
    target TEXT,
    source_text TEXT,
    target_text TEXT,
    source_sector TEXT,
    target_sector TEXT,
    mode TEXT,
    negated INTEGER NOT NULL,
    future INTEGER NOT NULL,
    hypothetical INTEGER NOT NULL,
    cameo TEXT,
    quad_class INTEGER,
    goldstein REAL,
    -- where it happened (khabar.events.location; the whole object is in articles.doc)
    place_country TEXT,                 -- ISO3
    place_name TEXT,                    -- English name
    place_lat REAL,
    place_lon REAL,
    place_how TEXT,                     -- clause, sentence or dateline
    PRIMARY KEY (article_num, n)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS events_type ON events(type);
CREATE INDEX IF NOT EXISTS events_dyad ON events(source, target);

CREATE TABLE IF NOT EXISTS quotes (
    article_num INTEGER NOT NULL,
    n INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    speaker TEXT,
    speaker_en TEXT,
    speaker_id TEXT,
    sentence INTEGER,
    kind TEXT,
    date TEXT,                          -- the article's date: a speaker's latest quotations, by index
    PRIMARY KEY (article_num, n)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS quotes_speaker_id ON quotes(speaker_id, date DESC) WHERE speaker_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker, date DESC) WHERE speaker IS NOT NULL;

-- Inputs that could not be read, and articles a step failed on, with the reason.
CREATE TABLE IF NOT EXISTS errors (
    source TEXT NOT NULL,
    page_id TEXT NOT NULL,
    repeat INTEGER NOT NULL,
    position INTEGER NOT NULL,
    reason TEXT NOT NULL,
    url TEXT,
    PRIMARY KEY (source, page_id, repeat)
) WITHOUT ROWID;

-- MinHash signatures of the body's word shingles (dedup.py).
CREATE TABLE IF NOT EXISTS signatures (
    article_num INTEGER PRIMARY KEY,    -- articles.num
    minhash BLOB NOT NULL
) WITHOUT ROWID;

-- Leads of wire dispatches and their continuation parts ("إضافة أولى"), by input file and headline
-- key: a part takes its lead's dateline and agency whichever of the two is written first (dispatches.py).
CREATE TABLE IF NOT EXISTS dispatches (
    source TEXT NOT NULL,
    key TEXT NOT NULL,
    position INTEGER NOT NULL,
    article_id TEXT NOT NULL,
    part INTEGER NOT NULL,
    lead_id TEXT,
    own_dateline INTEGER NOT NULL,
    own_agency INTEGER NOT NULL,
    own_date TEXT,
    PRIMARY KEY (source, key, part, position, article_id)
) WITHOUT ROWID;

-- Input files read to the end, so that a rerun skips them without reading.
CREATE TABLE IF NOT EXISTS inputs (
    path TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    pages INTEGER NOT NULL
);

-- Search keys (keys.py) of headline and body; contentless: the text lives in articles.doc.
CREATE VIRTUAL TABLE IF NOT EXISTS article_keys USING fts5(
    headline, body, content='', tokenize='unicode61 remove_diacritics 0'
);

-- The counts behind the unfiltered listings, pages and stats, kept up to date by every write in its
-- own transaction (aggregates.py); filtered listings are counted live. Stories are counted once:
-- a story's distinct keys are taken out before it changes and put back after.
CREATE TABLE IF NOT EXISTS entity_counts (
    entity_id TEXT PRIMARY KEY,
    stories INTEGER NOT NULL,
    articles INTEGER NOT NULL,
    mentions INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS entity_counts_rank ON entity_counts(stories DESC, articles DESC, mentions DESC);

CREATE TABLE IF NOT EXISTS dyad_counts (
    type TEXT NOT NULL,
    source TEXT NOT NULL,               -- '' for no actor (a key column cannot be NULL)
    target TEXT NOT NULL,
    stories INTEGER NOT NULL,
    articles INTEGER NOT NULL,
    mentions INTEGER NOT NULL,
    first TEXT,
    last TEXT,
    goldstein_total INTEGER NOT NULL DEFAULT 0,  -- sum of the events' Goldstein scores in hundredths (exact)
    goldstein_events INTEGER NOT NULL DEFAULT 0, -- events with a score: the mean is total / 100 / events
    PRIMARY KEY (type, source, target)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS dyad_counts_rank ON dyad_counts(stories DESC, articles DESC);
CREATE INDEX IF NOT EXISTS dyad_counts_source ON dyad_counts(source, stories DESC);
CREATE INDEX IF NOT EXISTS dyad_counts_target ON dyad_counts(target, stories DESC);

-- Articles per entity and month (the entity page's chart).
CREATE TABLE IF NOT EXISTS entity_months (
    entity_id TEXT NOT NULL,
    month TEXT NOT NULL,                -- YYYY-MM; '' for articles without a date
    articles INTEGER NOT NULL,
    PRIMARY KEY (entity_id, month)
) WITHOUT ROWID;

-- Mentions per entity and written form (the entity page's names).
CREATE TABLE IF NOT EXISTS entity_names (
    entity_id TEXT NOT NULL,
    text TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (entity_id, text)
) WITHOUT ROWID;

-- Stories with an event that happened, per month and PLOVER type (the events page's timeline).
CREATE TABLE IF NOT EXISTS event_months (
    month TEXT NOT NULL,
    type TEXT NOT NULL,
    stories INTEGER NOT NULL,
    PRIMARY KEY (month, type)
) WITHOUT ROWID;

-- The same per day (the events page's timeline when the months are few).
CREATE TABLE IF NOT EXISTS event_days (
    day TEXT NOT NULL,                  -- YYYY-MM-DD
    type TEXT NOT NULL,
    stories INTEGER NOT NULL,
    PRIMARY KEY (day, type)
) WITHOUT ROWID;

-- Stories with an event that happened, per place where it happened (the events page's map). Key
-- columns cannot be NULL: '' stands for no English name and for unknown coordinates.
CREATE TABLE IF NOT EXISTS place_counts (
    country TEXT NOT NULL,
    place TEXT NOT NULL,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    stories INTEGER NOT NULL,
    PRIMARY KEY (country, place, lat, lon)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS place_counts_rank ON place_counts(stories DESC, country, place);

-- Articles per dateline country and place (the dateline listing).
CREATE TABLE IF NOT EXISTS dateline_counts (
    country TEXT NOT NULL,
    place TEXT NOT NULL,                -- '' when the dateline names no place in English
    articles INTEGER NOT NULL,
    PRIMARY KEY (country, place)
) WITHOUT ROWID;

-- One row per story: its size and dates (the stories listing, largest first).
CREATE TABLE IF NOT EXISTS story_counts (
    story_id TEXT PRIMARY KEY,
    articles INTEGER NOT NULL,
    first TEXT,
    last TEXT
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS story_counts_rank ON story_counts(articles DESC, last DESC, story_id);

-- Pages per URL, read ones and unreadable ones (no read page of the same source and id): the
-- repeated-URL figures of `khabar stats`, by url_key (kind 'key') and as written (kind 'url'). A URL
-- is known by a 64-bit hash of it (ids.url_hash; of '' for an unreadable page's URL that has no key):
-- only its count is read, and any two of a million URLs share a hash with odds of about 1 in 37 million.
CREATE TABLE IF NOT EXISTS url_counts (
    kind TEXT NOT NULL,
    hash INTEGER NOT NULL,
    pages INTEGER NOT NULL,
    PRIMARY KEY (kind, hash)
) WITHOUT ROWID;

-- Totals of `khabar stats` that a write changes (name → count).
CREATE TABLE IF NOT EXISTS totals (
    name TEXT PRIMARY KEY,
    value INTEGER NOT NULL
) WITHOUT ROWID;

-- MinHash bands of the signatures (dedup.py): candidates of a new article by lookup, no index to rebuild.
CREATE TABLE IF NOT EXISTS lsh (
    band INTEGER NOT NULL,              -- hash of the band's number and values
    num INTEGER NOT NULL,               -- articles.num
    PRIMARY KEY (band, num)
) WITHOUT ROWID;

-- The bands of the latest articles, looked up with those of `lsh` and moved there together, in band
-- order, once they are many (dedup.RECENT_BANDS): written one article at a time, the 14 bands of each
-- landed on 14 pages of a large table.
CREATE TABLE IF NOT EXISTS lsh_recent (
    band INTEGER NOT NULL,
    num INTEGER NOT NULL,
    PRIMARY KEY (band, num)
) WITHOUT ROWID;
