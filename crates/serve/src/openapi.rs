//! The OpenAPI 3.1 document served at `/api/openapi.json`. Hand-written (a
//! generator would need annotations on every handler and a heavy crate); a
//! test checks that every API route the router registers is described here.

use axum::Json;
use serde_json::{json, Value};

/// `GET /api/openapi.json`.
pub async fn serve() -> Json<Value> {
    Json(document())
}

fn param(name: &str, location: &str, schema: Value, required: bool, description: &str) -> Value {
    json!({"name": name, "in": location, "required": required, "schema": schema, "description": description})
}

fn paging() -> Vec<Value> {
    vec![
        param(
            "limit",
            "query",
            json!({"type": "integer", "minimum": 1, "maximum": 200, "default": 20}),
            false,
            "page size",
        ),
        param(
            "offset",
            "query",
            json!({"type": "integer", "minimum": 0, "maximum": 1000000, "default": 0}),
            false,
            "items to skip",
        ),
    ]
}

fn id_param(what: &str) -> Value {
    param(
        "id",
        "path",
        json!({"type": "integer", "minimum": 1}),
        true,
        what,
    )
}

fn ok(description: &str, content: &str) -> Value {
    json!({
        "200": {"description": description, "content": {content: {"schema": {"type": "object"}}}},
        "400": {"$ref": "#/components/responses/Error"},
        "404": {"$ref": "#/components/responses/Error"},
        "500": {"$ref": "#/components/responses/Error"},
    })
}

/// The document.
pub fn document() -> Value {
    let mut search_params = vec![param(
        "q",
        "query",
        json!({"type": "string", "maxLength": 500}),
        true,
        "words to find (all required)",
    )];
    search_params.extend(paging());
    let mut lookup = vec![
        param(
            "id",
            "query",
            json!({"type": "string"}),
            false,
            "exact input id, as the story JSON names articles; give id, url or site",
        ),
        param(
            "url",
            "query",
            json!({"type": "string"}),
            false,
            "exact URL (or input id); give id, url or site",
        ),
        param(
            "site",
            "query",
            json!({"type": "string"}),
            false,
            "exact site name",
        ),
    ];
    lookup.extend(paging());
    let mut stories = vec![
        param(
            "site",
            "query",
            json!({"type": "string"}),
            false,
            "stories with a member on this site",
        ),
        param(
            "from",
            "query",
            json!({"type": "string", "pattern": "^\\d{4}(-\\d{2}(-\\d{2})?)?$"}),
            false,
            "story date on or after",
        ),
        param(
            "to",
            "query",
            json!({"type": "string", "pattern": "^\\d{4}(-\\d{2}(-\\d{2})?)?$"}),
            false,
            "story date on or before (inclusive)",
        ),
        param(
            "min_size",
            "query",
            json!({"type": "integer", "minimum": 0}),
            false,
            "at least this many members",
        ),
        param(
            "credit",
            "query",
            json!({"type": "string", "enum": crate::api::CREDITS}),
            false,
            "with at least one copy of this verdict, judged with the server's licensed partners file (--partners) applied: `licensed` finds stories with a copy that gives no credit but runs on a licensee of its source, and `uncredited` no longer finds a story whose uncredited copies are all licensed",
        ),
    ];
    stories.extend(paging());
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "reprint",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Trace news text: stories of copied articles, their origin, and each copy's credit. Article and story ids in paths are the store's integer keys; the story JSON (`/api/stories/{id}`, `/api/export?what=stories`) is the versioned shape of `docs/story.schema.json`, the same bytes `reprint export --what stories` writes, and names articles by their input ids (`/api/articles?id=` finds one's key). Credit verdicts are credited, partial, uncredited, licensed and not-applicable; `licensed` comes from the server's licensed partners file (`reprint serve --partners FILE`, default ./reprint.toml), applied whenever a story is read (story, stories filter, story page, export, trace), with evidence naming the file and line, so verdicts match `reprint show`."
        },
        "paths": {
            "/api/openapi.json": {"get": {"summary": "This document", "responses": {"200": {"description": "OpenAPI document"}}}},
            "/api/search": {"get": {"summary": "Full-text search (SQLite FTS5) over titles, bylines, sites and bodies", "parameters": search_params, "responses": ok("{total, limit, offset, items: [{article, story, snippet}]}", "application/json")}},
            "/api/articles": {"get": {"summary": "Articles by input id, by URL or by site", "parameters": lookup, "responses": ok("{total, items: [article summary]}", "application/json")}},
            "/api/articles/{id}": {"get": {"summary": "One article: metadata with where each field came from, notices, declared sources, quotes, body", "parameters": [id_param("article key")], "responses": ok("article", "application/json")}},
            "/api/sites/{site}": {"get": {"summary": "A site: how often it copies, credits (licensed partners applied) and is copied, and its articles", "parameters": [param("site", "path", json!({"type": "string"}), true, "exact site name")], "responses": ok("{stats, articles}", "application/json")}},
            "/api/stories": {"get": {"summary": "Stories, largest first, filtered and paged", "parameters": stories, "responses": ok("{total, limit, offset, items: [story summary]}", "application/json")}},
            "/api/stories/{id}": {"get": {"summary": "One story in the versioned story JSON (docs/story.schema.json; `reprint show --json`'s shape, byte for byte `reprint export --what stories`'s line): origin with evidence, copies with credit verdicts (licensed partners applied), changes and chains", "parameters": [id_param("story id")], "responses": ok("story", "application/json")}},
            "/api/diff": {"get": {"summary": "Shared passages of two articles (stored pair, or computed), segments of each text (`altered_quote: true` on the words of a quotation the other text words differently), and the changes from a to b", "parameters": [
                param("a", "query", json!({"type": "integer", "minimum": 1}), true, "first article key"),
                param("b", "query", json!({"type": "integer", "minimum": 1}), true, "second article key")
            ], "responses": ok("diff", "application/json")}},
            "/api/export": {"get": {"summary": "Bulk export as JSON lines: the bytes of `reprint export --format jsonl` (stories in the versioned story JSON; pairs and articles named by input ids)", "parameters": [
                param("what", "query", json!({"type": "string", "enum": ["stories", "articles", "pairs"]}), true, "what to export"),
                param("partial", "query", json!({"type": "boolean", "default": false}), false, "pairs: include partial reuse")
            ], "responses": ok("one JSON object per line", "application/x-ndjson")}},
            "/api/trace": {"post": {"summary": "Which stored story a page would join and whether it credits the origin; nothing is stored",
                "description": "Send the page as text/html or text/plain, or as JSON with `html` or `text` (and optionally its `url`, used for link-based credit). JSON with `url` alone asks the server to fetch the page: only when it was started with --allow-fetch (else 403), only http and https, only public addresses (loopback, private, CGNAT, link-local, multicast, documentation and other special addresses, and IPv6 forms embedding them, are refused with 403, also as redirect targets), at most 5 redirects, a body no larger than the request body limit, and 10 s in all.",
                "parameters": [param("url", "query", json!({"type": "string"}), false, "the page's URL, for link-based credit (non-JSON bodies)")],
                "requestBody": {"required": true, "content": {
                    "text/html": {"schema": {"type": "string"}},
                    "text/plain": {"schema": {"type": "string"}},
                    "application/json": {"schema": {"oneOf": [
                        {"type": "object", "required": ["html"], "properties": {"html": {"type": "string"}, "url": {"type": "string", "description": "the page's URL (not fetched)"}}},
                        {"type": "object", "required": ["text"], "properties": {"text": {"type": "string"}, "url": {"type": "string", "description": "the page's URL (not fetched)"}}},
                        {"type": "object", "required": ["url"], "properties": {"url": {"type": "string", "format": "uri", "description": "an http(s) URL to fetch (needs --allow-fetch)"}}, "additionalProperties": false}
                    ]}}
                }},
                "responses": {
                    "200": {"description": "{title, url, matches, story, credit, credit_evidence}; `credit` is `licensed` when the page gives no credit but its outlet is a licensee of the story's origin in the partners file"},
                    "400": {"$ref": "#/components/responses/Error"},
                    "403": {"description": "a URL to fetch without --allow-fetch, or one naming a refused address", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                    "413": {"$ref": "#/components/responses/Error"},
                    "422": {"$ref": "#/components/responses/Error"},
                    "502": {"description": "the fetched page's server failed (unreachable, error status, too large)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                    "504": {"description": "fetching took too long", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
                }}},
            "/api/ingest": {"post": {"summary": "Ingest pages (JSON lines as `reprint ingest` reads them); only with --ingest-token",
                "security": [{"bearer": []}],
                "requestBody": {"required": true, "content": {"application/x-ndjson": {"schema": {"type": "string"}}}},
                "responses": {
                    "200": {"description": "{added, unchanged, replaced, pairs, stories_touched, errors}"},
                    "400": {"$ref": "#/components/responses/Error"},
                    "401": {"$ref": "#/components/responses/Error"},
                    "403": {"$ref": "#/components/responses/Error"},
                    "413": {"$ref": "#/components/responses/Error"}
                }}}
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {"Error": {"type": "object", "properties": {"error": {"type": "object", "properties": {
                "status": {"type": "integer"}, "message": {"type": "string"}}}}}},
            "responses": {"Error": {"description": "An error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}}
        }
    })
}
