//! Small SQL helpers shared by the store's modules (a leaf: it imports no
//! other module of the crate).

use rusqlite::Connection;

/// Values are bound in chunks to stay under SQLite's limit on parameters.
const LOOKUP_CHUNK: usize = 500;

/// Runs `f` over chunks of `values` bound as `?` lists.
pub(crate) fn chunked<T: rusqlite::ToSql>(
    conn: &Connection,
    sql: &str,
    values: &[T],
    mut f: impl FnMut(&rusqlite::Row) -> rusqlite::Result<()>,
) -> rusqlite::Result<()> {
    for chunk in values.chunks(LOOKUP_CHUNK) {
        let marks = vec!["?"; chunk.len()].join(",");
        let mut stmt = conn.prepare_cached(&sql.replace("{}", &marks))?;
        let mut rows = stmt.query(rusqlite::params_from_iter(chunk.iter()))?;
        while let Some(r) = rows.next()? {
            f(r)?;
        }
    }
    Ok(())
}
