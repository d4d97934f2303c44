//! The footprint store: one SQLite file (docs/pact-api.md, "The database").
//!
//! Layout (`PRAGMA user_version` = [`LAYOUT_VERSION`]):
//!
//! - `footprints(seq, id, status, stored, footprint)`: one row per ProductFootprint, `seq` the
//!   order of publication (the order of `GET /3/footprints`), `id` its PACT id (a UUID,
//!   unique), `status` `Active` or `Deprecated` (the same as the JSON's), `stored` when it was
//!   stored (RFC 3339 UTC), `footprint` the ProductFootprint JSON as served;
//! - `product_ids(product_id, footprint_id)`: each footprint's `productIds`, lower-cased,
//!   to find the versions of a product.
//!
//! Journal mode WAL (readers never wait for the writer), `synchronous = FULL` (a committed
//! transaction is on disk before the commit returns: an acknowledged footprint survives a
//! kill or a power cut), every write one transaction.

use std::path::Path;
use std::time::Duration;

use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use serde_json::Value;

use crate::HostError;

/// The layout this code reads and writes.
pub const LAYOUT_VERSION: i64 = 1;

const CREATE: &str = "
CREATE TABLE footprints (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL CHECK (status IN ('Active', 'Deprecated')),
    stored TEXT NOT NULL,
    footprint TEXT NOT NULL
);
CREATE TABLE product_ids (
    product_id TEXT NOT NULL,
    footprint_id TEXT NOT NULL REFERENCES footprints(id),
    PRIMARY KEY (product_id, footprint_id)
) WITHOUT ROWID;
";

/// An open footprint database.
pub struct Store {
    conn: Connection,
    path: String,
}

/// A stored footprint: its publication order and its JSON text.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Order of publication.
    pub seq: i64,
    /// The ProductFootprint JSON.
    pub footprint: String,
}

fn db_error(path: &str, what: &str, e: rusqlite::Error) -> HostError {
    HostError::Internal(format!("{path}: {what}: {e}"))
}

impl Store {
    /// Opens the database at `path`, creating it (and its tables) when it does not exist. A
    /// file that is not a pcf footprint database, or one of a newer layout, is bad input at
    /// `db`.
    pub fn open(path: &Path) -> Result<Store, HostError> {
        let name = path.display().to_string();
        let bad = |message: String| HostError::input("invalid_value", "db", message);
        let conn = Connection::open(path)
            .map_err(|e| bad(format!("cannot open the database {name}: {e}")))?;
        conn.busy_timeout(Duration::from_secs(10))
            .map_err(|e| db_error(&name, "busy timeout", e))?;
        // The first read of the file: a file that is not SQLite fails here.
        let mode: String = conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .map_err(|e| bad(format!("{name} is not a pcf footprint database: {e}")))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(bad(format!(
                "{name}: cannot use write-ahead logging (journal mode {mode})"
            )));
        }
        conn.execute_batch("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;")
            .map_err(|e| db_error(&name, "settings", e))?;
        let mut store = Store { conn, path: name };
        store.create_tables()?;
        Ok(store)
    }

    fn create_tables(&mut self) -> Result<(), HostError> {
        let name = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| db_error(&name, "begin", e))?;
        let version: i64 = tx
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| db_error(&name, "layout version", e))?;
        let tables: i64 = tx
            .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
            .map_err(|e| db_error(&name, "tables", e))?;
        match version {
            0 if tables == 0 => {
                tx.execute_batch(CREATE)
                    .map_err(|e| db_error(&name, "creating the tables", e))?;
                tx.pragma_update(None, "user_version", LAYOUT_VERSION)
                    .map_err(|e| db_error(&name, "layout version", e))?;
            }
            LAYOUT_VERSION => {}
            0 => {
                return Err(HostError::input(
                    "invalid_value",
                    "db",
                    format!("{name} is an SQLite database of something else (it has tables but no pcf layout version)"),
                ))
            }
            v => {
                return Err(HostError::input(
                    "invalid_value",
                    "db",
                    format!("{name} has layout version {v}; this pcf reads version {LAYOUT_VERSION}"),
                ))
            }
        }
        tx.commit().map_err(|e| db_error(&name, "commit", e))
    }

    /// The database file's name, for messages.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// One footprint's JSON by its id (a UUID, compared in lower case).
    pub fn get(&self, id: &str) -> Result<Option<String>, HostError> {
        self.conn
            .query_row(
                "SELECT footprint FROM footprints WHERE id = ?1",
                [id.to_ascii_lowercase()],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| db_error(&self.path, "reading a footprint", e))
    }

    /// Every footprint in order of publication.
    pub fn all(&self) -> Result<Vec<Row>, HostError> {
        let read = || -> rusqlite::Result<Vec<Row>> {
            let mut st = self
                .conn
                .prepare_cached("SELECT seq, footprint FROM footprints ORDER BY seq")?;
            let rows = st.query_map([], |r| {
                Ok(Row {
                    seq: r.get(0)?,
                    footprint: r.get(1)?,
                })
            })?;
            rows.collect()
        };
        read().map_err(|e| db_error(&self.path, "listing footprints", e))
    }

    /// How many footprints the file holds.
    pub fn count(&self) -> Result<i64, HostError> {
        self.conn
            .query_row("SELECT count(*) FROM footprints", [], |r| r.get(0))
            .map_err(|e| db_error(&self.path, "counting footprints", e))
    }

    /// `PRAGMA integrity_check`: `ok`, or what SQLite found.
    pub fn integrity_check(&self) -> Result<String, HostError> {
        self.conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .map_err(|e| db_error(&self.path, "integrity check", e))
    }

    /// Runs `f` in one immediate (write) transaction, committed when it returns `Ok`: the
    /// commit is on disk when this returns.
    pub(crate) fn write<T>(
        &mut self,
        f: impl FnOnce(&Writer<'_>) -> Result<T, HostError>,
    ) -> Result<T, HostError> {
        let name = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| db_error(&name, "begin", e))?;
        let out = f(&Writer {
            tx: &tx,
            path: &name,
        })?;
        tx.commit().map_err(|e| db_error(&name, "commit", e))?;
        Ok(out)
    }
}

/// The writes of one transaction ([`Store::write`]).
pub(crate) struct Writer<'a> {
    tx: &'a rusqlite::Transaction<'a>,
    path: &'a str,
}

impl Writer<'_> {
    /// A footprint's JSON by id, inside the transaction.
    pub(crate) fn get(&self, id: &str) -> Result<Option<String>, HostError> {
        self.tx
            .query_row(
                "SELECT footprint FROM footprints WHERE id = ?1",
                [id.to_ascii_lowercase()],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| db_error(self.path, "reading a footprint", e))
    }

    /// The ids of the active footprints that share a product id with `product_ids`, in
    /// order of publication.
    pub(crate) fn active_versions(&self, product_ids: &[String]) -> Result<Vec<String>, HostError> {
        let mut out: Vec<String> = Vec::new();
        let mut st = self
            .tx
            .prepare_cached(
                "SELECT f.id FROM product_ids p JOIN footprints f ON f.id = p.footprint_id
                 WHERE p.product_id = ?1 AND f.status = 'Active' ORDER BY f.seq",
            )
            .map_err(|e| db_error(self.path, "finding versions", e))?;
        for pid in product_ids {
            let ids = st
                .query_map([pid.to_lowercase()], |r| r.get::<_, String>(0))
                .and_then(|rows| rows.collect::<rusqlite::Result<Vec<String>>>())
                .map_err(|e| db_error(self.path, "finding versions", e))?;
            for id in ids {
                if !out.contains(&id) {
                    out.push(id);
                }
            }
        }
        Ok(out)
    }

    /// Stores a new footprint (`id` lower case) with its product ids.
    pub(crate) fn insert(
        &self,
        id: &str,
        status: &str,
        product_ids: &[String],
        footprint: &str,
    ) -> Result<(), HostError> {
        let stored = crate::date_time(crate::now_seconds());
        self.tx
            .execute(
                "INSERT INTO footprints (id, status, stored, footprint) VALUES (?1, ?2, ?3, ?4)",
                params![id, status, stored, footprint],
            )
            .map_err(|e| db_error(self.path, "storing a footprint", e))?;
        for pid in product_ids {
            self.tx
                .execute(
                    "INSERT OR IGNORE INTO product_ids (product_id, footprint_id) VALUES (?1, ?2)",
                    params![pid.to_lowercase(), id],
                )
                .map_err(|e| db_error(self.path, "storing product ids", e))?;
        }
        Ok(())
    }

    /// Marks a footprint `Deprecated`, in its column and its JSON.
    pub(crate) fn deprecate(&self, id: &str) -> Result<(), HostError> {
        let Some(text) = self.get(id)? else {
            return Err(HostError::Internal(format!(
                "{}: footprint {id} vanished during the transaction",
                self.path
            )));
        };
        let mut v: Value = serde_json::from_str(&text)
            .map_err(|e| HostError::Internal(format!("{}: footprint {id}: {e}", self.path)))?;
        if let Some(o) = v.as_object_mut() {
            o.insert("status".into(), Value::from("Deprecated"));
        }
        let text = pcf::to_json(&v)?;
        self.tx
            .execute(
                "UPDATE footprints SET status = 'Deprecated', footprint = ?2 WHERE id = ?1",
                params![id, text],
            )
            .map_err(|e| db_error(self.path, "deprecating a footprint", e))?;
        Ok(())
    }
}
