//! The database schema and its migrations.
//!
//! Each migration is applied once, in order, inside a transaction; the
//! version reached is kept in `PRAGMA user_version`. A file that is an SQLite
//! database but not ours (another `application_id`, or tables without ours)
//! is refused rather than written to.

/// "RPRT" in ASCII: marks a database file as reprint's.
pub const APPLICATION_ID: i32 = 0x5250_5254;

/// Migrations, in order; index + 1 is the schema version they produce.
pub const MIGRATIONS: &[&str] = &[
    // 1: articles, the fingerprint index, matched pairs and stories.
    r#"
    CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    CREATE TABLE articles (
        id           INTEGER PRIMARY KEY,
        ext_id       TEXT NOT NULL UNIQUE,   -- the input's id: JSONL id, path, WARC URI
        origin       TEXT NOT NULL,          -- where it was read from, for messages
        url          TEXT,
        site         TEXT,
        title        TEXT,
        byline       TEXT,
        published    TEXT,
        fetched      TEXT,
        content_hash INTEGER NOT NULL,       -- of the extracted text, to skip re-ingests
        words        INTEGER NOT NULL,
        fingerprint_count INTEGER NOT NULL,
        text         TEXT NOT NULL,
        article_json TEXT NOT NULL,          -- the whole extracted Article
        ingested_at  TEXT NOT NULL
    );
    CREATE INDEX articles_site ON articles(site);
    CREATE TABLE fingerprints (
        hash    INTEGER NOT NULL,
        article INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        PRIMARY KEY (hash, article)
    ) WITHOUT ROWID;
    CREATE INDEX fingerprints_article ON fingerprints(article);
    CREATE TABLE pairs (
        a        INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        b        INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        kind     TEXT NOT NULL,              -- copy | partial
        shared_a REAL NOT NULL,
        shared_b REAL NOT NULL,
        words    INTEGER NOT NULL,
        passages_json TEXT NOT NULL,
        PRIMARY KEY (a, b),
        CHECK (a < b)
    ) WITHOUT ROWID;
    CREATE INDEX pairs_b ON pairs(b);
    CREATE TABLE stories (
        id         INTEGER PRIMARY KEY,      -- the smallest member's article id
        size       INTEGER NOT NULL,
        origin_article INTEGER REFERENCES articles(id),
        origin_outlet  TEXT,
        origin_confidence REAL NOT NULL,
        headline   TEXT,
        date       TEXT,
        story_json TEXT NOT NULL             -- the whole traced Story
    );
    CREATE TABLE story_members (
        story   INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        article INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        PRIMARY KEY (story, article)
    ) WITHOUT ROWID;
    CREATE UNIQUE INDEX story_members_article ON story_members(article);
    "#,
    // 2: the full-text search index (serve's /api/search). External
    // content: the text lives once, in `articles`; rows are added on ingest
    // (see migration 3 and `search_index`) and removed by the trigger below.
    r#"
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, byline, site, text,
        content = 'articles', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2'
    );
    INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
    CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, byline, site, text)
        VALUES ('delete', old.id, old.title, old.byline, old.site, old.text);
    END;
    CREATE INDEX articles_url ON articles(url);
    "#,
    // 3: articles wait in `search_backlog` until `Store::index_search_backlog`
    // adds them to the full-text index in one statement: a bulk ingest then
    // builds the index once instead of flushing and merging FTS segments
    // after every batch. The delete trigger must not ask FTS5 to delete a row
    // it never indexed (that corrupts an external-content index).
    r#"
    CREATE TABLE search_backlog (article INTEGER PRIMARY KEY);
    DROP TRIGGER articles_fts_delete;
    CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, byline, site, text)
        SELECT 'delete', old.id, old.title, old.byline, old.site, old.text
        WHERE NOT EXISTS (SELECT 1 FROM search_backlog WHERE article = old.id);
        DELETE FROM search_backlog WHERE article = old.id;
    END;
    "#,
    // 4: cheaper bulk ingest. The fingerprint index loses its secondary
    // index on `article` and its foreign key (each cost a B-tree look-up
    // per fingerprint stored); an article's fingerprint set is kept as one
    // blob in `prints` instead, which is what deleting an article and
    // furniture judgement read. Articles stored before this migration have
    // no `prints` row: their set is recomputed from their text (the
    // fingerprint scheme is pinned, so it is the same set). Articles whose
    // stories wait to be re-traced go to `story_backlog` (see
    // `Store::trace_story_backlog`). The full-text index buffers up to
    // 64 MB of terms in memory before writing a segment (FTS5's default is
    // 1 MB): a bulk build writes one segment instead of dozens that it then
    // merges, about 40% less work.
    r#"
    CREATE TABLE fingerprints_v4 (
        hash    INTEGER NOT NULL,
        article INTEGER NOT NULL,
        PRIMARY KEY (hash, article)
    ) WITHOUT ROWID;
    INSERT INTO fingerprints_v4 (hash, article) SELECT hash, article FROM fingerprints;
    DROP TABLE fingerprints;
    ALTER TABLE fingerprints_v4 RENAME TO fingerprints;
    CREATE TABLE prints (
        article INTEGER PRIMARY KEY,         -- articles.id
        hashes  BLOB NOT NULL                -- sorted fingerprints, 8 bytes each, little-endian
    );
    CREATE TABLE story_backlog (article INTEGER PRIMARY KEY);
    INSERT INTO articles_fts(articles_fts, rank) VALUES ('hashsize', 67108864);
    "#,
    // 5: a bulk ingest's postings wait here (their sets are in `prints`)
    // until written to `fingerprints` in fingerprint order; see
    // `fingerprint_index`.
    r#"
    CREATE TABLE fingerprint_backlog (article INTEGER PRIMARY KEY);
    "#,
    // 6: each posting carries its article's fingerprint count, which
    // candidate selection needs for every neighbour; reading it from the
    // article's row cost a random page read per neighbour. Postings written
    // before have none (NULL) and the count is read from `articles`.
    r#"
    ALTER TABLE fingerprints ADD COLUMN fingerprint_count INTEGER;
    "#,
    // 7: matching that does not depend on the order pages arrive in (see
    // `reprint_match::matcher`). Sites get ids (`sites`: a page's host, else
    // its site name); each posting carries its article's site (NULL:
    // written before, read from `articles`; 0: the article has none), since
    // a site's furniture is found among the pages of that site; the
    // furniture found is kept in `site_furniture`. Pairs stored before were
    // made under other rules: `rematch` in `meta` asks the next ingest to
    // recompute them (`Store::rematch`).
    r#"
    CREATE TABLE sites (
        id   INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE
    );
    ALTER TABLE articles ADD COLUMN site_id INTEGER;
    ALTER TABLE fingerprints ADD COLUMN site INTEGER;
    CREATE TABLE site_furniture (
        hash INTEGER NOT NULL,
        site INTEGER NOT NULL,
        PRIMARY KEY (hash, site)
    ) WITHOUT ROWID;
    INSERT INTO meta(key, value) SELECT 'rematch', '7' WHERE EXISTS (SELECT 1 FROM articles);
    "#,
    // 8: the format of the stored blobs (`article_json`, `passages_json`)
    // is recorded apart from the schema (see `record`): every file written
    // so far holds format 1, the domain types' serde output that the
    // record types reproduce byte for byte.
    r#"
    INSERT OR IGNORE INTO meta(key, value) VALUES ('record_format', '1');
    "#,
];
