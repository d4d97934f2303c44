//! The footprint store: one SQLite file (docs/pact-api.md, "The database"), or, with the cargo
//! feature `postgres`, a PostgreSQL database named by a `postgres://` URL (`store/postgres.rs`:
//! the same tables and the same transactions).
//!
//! Layout (`PRAGMA user_version` = [`LAYOUT_VERSION`]; in PostgreSQL the table `pcf_layout`):
//!
//! - `footprints(seq, id, status, stored, footprint)`: one row per ProductFootprint, `seq` the
//!   order of publication (the order of `GET /3/footprints`), `id` its PACT id (a UUID,
//!   unique), `status` `Active` or `Deprecated` (the same as the JSON's), `stored` when it was
//!   stored (RFC 3339 UTC), `footprint` the ProductFootprint JSON as served;
//! - `product_ids(product_id, footprint_id)`: each footprint's `productIds`, lower-cased,
//!   to find the versions of a product;
//! - `answers(answer_id, requester, host_base, request, received, attempts, next_at)` (layout
//!   2): the answers to `RequestCreatedEvent`s not yet delivered, each stored before the
//!   request had its 200 and deleted once the requester took the answer or refused it for
//!   good, so a restart or an outage loses none ([`PendingAnswer`]). A layout 1 file gains the
//!   table when it is opened.
//!
//! Journal mode WAL (readers never wait for the writer), `synchronous = FULL` (a committed
//! transaction is on disk before the commit returns: an acknowledged footprint survives a
//! kill or a power cut), every write one transaction.

// Without the `postgres` feature the backends are SQLite alone, and each `match` over them has
// one arm: the same code reads for both builds.
#![cfg_attr(
    not(feature = "postgres"),
    allow(irrefutable_let_patterns, clippy::infallible_destructuring_match)
)]

use std::path::Path;
use std::time::Duration;

use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use serde_json::Value;

use crate::HostError;

/// The layout this code reads and writes (1: footprints alone; 2: and the answers on their way).
pub const LAYOUT_VERSION: i64 = 2;

/// The table layout 2 adds (in both backends: the same SQL).
const CREATE_ANSWERS: &str = "
CREATE TABLE answers (
    answer_id TEXT PRIMARY KEY,
    requester TEXT NOT NULL,
    host_base TEXT NOT NULL,
    request TEXT NOT NULL,
    received BIGINT NOT NULL,
    attempts BIGINT NOT NULL,
    next_at BIGINT NOT NULL
);
";

/// An answer to a request, stored until it is delivered or refused for good.
#[derive(Debug, Clone, PartialEq)]
pub struct PendingAnswer {
    /// The answer event's `id` (a UUID), the same at every attempt, so a requester that got
    /// an answer twice can tell.
    pub answer_id: String,
    /// The requester's base URL, as the requesters file lists it.
    pub requester: String,
    /// This host's base URL as the requester reached it (the answer's `source`).
    pub host_base: String,
    /// The `RequestCreatedEvent` as received (JSON text).
    pub request: String,
    /// When it was received (Unix seconds).
    pub received: i64,
    /// Rounds of delivery tried so far.
    pub attempts: i64,
    /// When the next round is due (Unix seconds).
    pub next_at: i64,
}

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

#[cfg(feature = "postgres")]
mod postgres;

/// An open footprint database.
pub struct Store {
    backend: Backend,
    path: String,
}

enum Backend {
    Sqlite(Connection),
    #[cfg(feature = "postgres")]
    Postgres(Box<std::cell::RefCell<postgres::Pg>>),
}

/// Whether `--db` names a PostgreSQL database rather than a file.
pub fn is_postgres_url(db: &Path) -> bool {
    db.to_str().is_some_and(|s| {
        let s = s.to_ascii_lowercase();
        s.starts_with("postgres://") || s.starts_with("postgresql://")
    })
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
        if is_postgres_url(path) {
            return Store::open_postgres(path);
        }
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
        let mut store = Store {
            backend: Backend::Sqlite(conn),
            path: name,
        };
        store.create_tables()?;
        Ok(store)
    }

    #[cfg(feature = "postgres")]
    fn open_postgres(url: &Path) -> Result<Store, HostError> {
        let (pg, name) = postgres::Pg::open(url.to_str().unwrap_or_default())?;
        Ok(Store {
            backend: Backend::Postgres(Box::new(std::cell::RefCell::new(pg))),
            path: name,
        })
    }

    #[cfg(not(feature = "postgres"))]
    fn open_postgres(_url: &Path) -> Result<Store, HostError> {
        Err(HostError::input(
            "invalid_value",
            "db",
            "this pcf was built without PostgreSQL: build it with `cargo build --release -p pcf-cli --features postgres`, or give --db a file",
        ))
    }

    fn create_tables(&mut self) -> Result<(), HostError> {
        let name = self.path.clone();
        let Backend::Sqlite(conn) = &mut self.backend else {
            return Ok(());
        };
        let tx = conn
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
                    .and_then(|_| tx.execute_batch(CREATE_ANSWERS))
                    .map_err(|e| db_error(&name, "creating the tables", e))?;
                tx.pragma_update(None, "user_version", LAYOUT_VERSION)
                    .map_err(|e| db_error(&name, "layout version", e))?;
            }
            1 => {
                tx.execute_batch(CREATE_ANSWERS)
                    .map_err(|e| db_error(&name, "adding the answers table (layout 1 to 2)", e))?;
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
        let conn = match &self.backend {
            Backend::Sqlite(c) => c,
            #[cfg(feature = "postgres")]
            Backend::Postgres(pg) => return pg.borrow_mut().get(id),
        };
        conn.query_row(
            "SELECT footprint FROM footprints WHERE id = ?1",
            [id.to_ascii_lowercase()],
            |r| r.get(0),
        )
        .optional()
        .map_err(|e| db_error(&self.path, "reading a footprint", e))
    }

    /// Every footprint in order of publication.
    pub fn all(&self) -> Result<Vec<Row>, HostError> {
        let conn = match &self.backend {
            Backend::Sqlite(c) => c,
            #[cfg(feature = "postgres")]
            Backend::Postgres(pg) => return pg.borrow_mut().all(),
        };
        let read = || -> rusqlite::Result<Vec<Row>> {
            let mut st =
                conn.prepare_cached("SELECT seq, footprint FROM footprints ORDER BY seq")?;
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
        let conn = match &self.backend {
            Backend::Sqlite(c) => c,
            #[cfg(feature = "postgres")]
            Backend::Postgres(pg) => return pg.borrow_mut().count(),
        };
        conn.query_row("SELECT count(*) FROM footprints", [], |r| r.get(0))
            .map_err(|e| db_error(&self.path, "counting footprints", e))
    }

    /// `PRAGMA integrity_check`: `ok`, or what SQLite found. In PostgreSQL (which checks its
    /// own pages): `ok` when every product id points to a stored footprint and every status
    /// column agrees with its JSON.
    pub fn integrity_check(&self) -> Result<String, HostError> {
        let conn = match &self.backend {
            Backend::Sqlite(c) => c,
            #[cfg(feature = "postgres")]
            Backend::Postgres(pg) => return pg.borrow_mut().integrity_check(),
        };
        conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .map_err(|e| db_error(&self.path, "integrity check", e))
    }

    /// The answers due at `now` (Unix seconds; `i64::MAX`: every one), oldest first.
    pub fn due_answers(&self, now: i64) -> Result<Vec<PendingAnswer>, HostError> {
        let conn = match &self.backend {
            Backend::Sqlite(c) => c,
            #[cfg(feature = "postgres")]
            Backend::Postgres(pg) => return pg.borrow_mut().due_answers(now),
        };
        let read = || -> rusqlite::Result<Vec<PendingAnswer>> {
            let mut st = conn.prepare_cached(
                "SELECT answer_id, requester, host_base, request, received, attempts, next_at
                 FROM answers WHERE next_at <= ?1 ORDER BY received, answer_id",
            )?;
            let rows = st.query_map([now], |r| {
                Ok(PendingAnswer {
                    answer_id: r.get(0)?,
                    requester: r.get(1)?,
                    host_base: r.get(2)?,
                    request: r.get(3)?,
                    received: r.get(4)?,
                    attempts: r.get(5)?,
                    next_at: r.get(6)?,
                })
            })?;
            rows.collect()
        };
        read().map_err(|e| db_error(&self.path, "reading the answers on their way", e))
    }

    /// Stores an answer to deliver (committed, on disk, when this returns), unless `limit`
    /// answers are stored already: then nothing is written and the answer is `false`.
    pub fn queue_answer(&mut self, a: &PendingAnswer, limit: usize) -> Result<bool, HostError> {
        self.write(|w| {
            if w.answers_stored()? >= limit as i64 {
                return Ok(false);
            }
            w.answer_statement(AnswerWrite::Queue(a))?;
            Ok(true)
        })
    }

    /// Records a round that did not reach the requester: `attempts` rounds so far, the next
    /// due at `next_at`.
    pub fn reschedule_answer(
        &mut self,
        answer_id: &str,
        attempts: i64,
        next_at: i64,
    ) -> Result<(), HostError> {
        self.write(|w| {
            w.answer_statement(AnswerWrite::Reschedule {
                answer_id,
                attempts,
                next_at,
            })
        })
    }

    /// Takes a due answer for a round: its next round moved to `until` if it is still due at
    /// `now` (true), or not if another host sharing the database took it first (false).
    pub fn claim_answer(
        &mut self,
        answer_id: &str,
        now: i64,
        until: i64,
    ) -> Result<bool, HostError> {
        self.write(|w| w.claim_answer(answer_id, now, until))
    }

    /// Forgets a delivered answer, or one refused or given up for good.
    pub fn settle_answer(&mut self, answer_id: &str) -> Result<(), HostError> {
        self.write(|w| w.answer_statement(AnswerWrite::Settle(answer_id)))
    }

    /// Runs `f` in one immediate (write) transaction, committed when it returns `Ok`: the
    /// commit is on disk when this returns.
    pub(crate) fn write<T>(
        &mut self,
        f: impl FnOnce(&Writer<'_, '_>) -> Result<T, HostError>,
    ) -> Result<T, HostError> {
        let name = self.path.clone();
        let conn = match &mut self.backend {
            Backend::Sqlite(c) => c,
            #[cfg(feature = "postgres")]
            Backend::Postgres(pg) => {
                return pg.get_mut().write(|tx| {
                    f(&Writer {
                        tx: Tx::Postgres(std::cell::RefCell::new(tx)),
                        path: &name,
                    })
                })
            }
        };
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| db_error(&name, "begin", e))?;
        let out = f(&Writer {
            tx: Tx::Sqlite(&tx),
            path: &name,
        })?;
        tx.commit().map_err(|e| db_error(&name, "commit", e))?;
        Ok(out)
    }
}

/// A write to the answers table.
pub(crate) enum AnswerWrite<'a> {
    Queue(&'a PendingAnswer),
    Reschedule {
        answer_id: &'a str,
        attempts: i64,
        next_at: i64,
    },
    Settle(&'a str),
}

/// The writes of one transaction ([`Store::write`]).
/// `'a`: the borrow of the transaction; `'t`: the transaction's own borrow of its connection.
pub(crate) struct Writer<'a, 't> {
    tx: Tx<'a, 't>,
    path: &'a str,
}

enum Tx<'a, 't> {
    Sqlite(&'a rusqlite::Transaction<'t>),
    #[cfg(feature = "postgres")]
    Postgres(std::cell::RefCell<&'a mut ::postgres::Transaction<'t>>),
}

impl Writer<'_, '_> {
    /// A footprint's JSON by id, inside the transaction.
    pub(crate) fn get(&self, id: &str) -> Result<Option<String>, HostError> {
        let tx = match &self.tx {
            Tx::Sqlite(tx) => tx,
            #[cfg(feature = "postgres")]
            Tx::Postgres(tx) => return postgres::get(&mut tx.borrow_mut(), self.path, id),
        };
        tx.query_row(
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
        let tx = match &self.tx {
            Tx::Sqlite(tx) => tx,
            #[cfg(feature = "postgres")]
            Tx::Postgres(tx) => {
                return postgres::active_versions(&mut tx.borrow_mut(), self.path, product_ids)
            }
        };
        let mut out: Vec<String> = Vec::new();
        let mut st = tx
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
        let tx = match &self.tx {
            Tx::Sqlite(tx) => tx,
            #[cfg(feature = "postgres")]
            Tx::Postgres(tx) => {
                return postgres::insert(
                    &mut tx.borrow_mut(),
                    self.path,
                    [id, status, &stored, footprint],
                    product_ids,
                )
            }
        };
        tx.execute(
            "INSERT INTO footprints (id, status, stored, footprint) VALUES (?1, ?2, ?3, ?4)",
            params![id, status, stored, footprint],
        )
        .map_err(|e| db_error(self.path, "storing a footprint", e))?;
        for pid in product_ids {
            tx.execute(
                "INSERT OR IGNORE INTO product_ids (product_id, footprint_id) VALUES (?1, ?2)",
                params![pid.to_lowercase(), id],
            )
            .map_err(|e| db_error(self.path, "storing product ids", e))?;
        }
        Ok(())
    }

    fn answers_stored(&self) -> Result<i64, HostError> {
        let tx = match &self.tx {
            Tx::Sqlite(tx) => tx,
            #[cfg(feature = "postgres")]
            Tx::Postgres(tx) => return postgres::answers_stored(&mut tx.borrow_mut(), self.path),
        };
        tx.query_row("SELECT count(*) FROM answers", [], |r| r.get(0))
            .map_err(|e| db_error(self.path, "counting the answers on their way", e))
    }

    fn claim_answer(&self, answer_id: &str, now: i64, until: i64) -> Result<bool, HostError> {
        let tx = match &self.tx {
            Tx::Sqlite(tx) => tx,
            #[cfg(feature = "postgres")]
            Tx::Postgres(tx) => {
                return postgres::claim_answer(
                    &mut tx.borrow_mut(),
                    self.path,
                    answer_id,
                    now,
                    until,
                )
            }
        };
        tx.execute(
            "UPDATE answers SET next_at = ?3 WHERE answer_id = ?1 AND next_at <= ?2",
            params![answer_id, now, until],
        )
        .map(|n| n == 1)
        .map_err(|e| db_error(self.path, "taking an answer for a round", e))
    }

    /// One write to the answers table.
    fn answer_statement(&self, what: AnswerWrite<'_>) -> Result<(), HostError> {
        let tx = match &self.tx {
            Tx::Sqlite(tx) => tx,
            #[cfg(feature = "postgres")]
            Tx::Postgres(tx) => {
                return postgres::answer_statement(&mut tx.borrow_mut(), self.path, what)
            }
        };
        let done = match what {
            AnswerWrite::Queue(a) => tx.execute(
                "INSERT INTO answers (answer_id, requester, host_base, request, received, attempts, next_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![a.answer_id, a.requester, a.host_base, a.request, a.received, a.attempts, a.next_at],
            ),
            AnswerWrite::Reschedule {
                answer_id,
                attempts,
                next_at,
            } => tx.execute(
                "UPDATE answers SET attempts = ?2, next_at = ?3 WHERE answer_id = ?1",
                params![answer_id, attempts, next_at],
            ),
            AnswerWrite::Settle(answer_id) => {
                tx.execute("DELETE FROM answers WHERE answer_id = ?1", [answer_id])
            }
        };
        done.map(|_| ())
            .map_err(|e| db_error(self.path, "writing an answer on its way", e))
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
        let tx = match &self.tx {
            Tx::Sqlite(tx) => tx,
            #[cfg(feature = "postgres")]
            Tx::Postgres(tx) => {
                return postgres::deprecate(&mut tx.borrow_mut(), self.path, id, &text)
            }
        };
        tx.execute(
            "UPDATE footprints SET status = 'Deprecated', footprint = ?2 WHERE id = ?1",
            params![id, text],
        )
        .map_err(|e| db_error(self.path, "deprecating a footprint", e))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pending(id: &str, received: i64) -> PendingAnswer {
        PendingAnswer {
            answer_id: id.into(),
            requester: "https://customer.example".into(),
            host_base: "https://supplier.example".into(),
            request: "{\"type\":\"…RequestCreatedEvent.3\"}".into(),
            received,
            attempts: 0,
            next_at: received + 30,
        }
    }

    #[test]
    fn a_layout_1_file_gains_the_answers_table_and_keeps_its_footprints() {
        let dir = tempfile::tempdir().expect("a folder");
        let db = dir.path().join("v1.db");
        {
            let c = Connection::open(&db).expect("sqlite");
            c.execute_batch(CREATE).expect("layout 1");
            c.execute(
                "INSERT INTO footprints (id, status, stored, footprint) VALUES ('x', 'Active', 't', '{}')",
                [],
            )
            .expect("a row");
            c.pragma_update(None, "user_version", 1).expect("version 1");
        }
        let mut s = Store::open(&db).expect("opens and upgrades");
        assert_eq!(s.count().expect("count"), 1);
        assert!(s.queue_answer(&pending("a", 5), 10).expect("the new table"));
        let Backend::Sqlite(c) = &s.backend else {
            panic!("sqlite")
        };
        let v: i64 = c
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .expect("version");
        assert_eq!(v, LAYOUT_VERSION);
    }

    #[test]
    fn a_postgres_url_is_told_from_a_file() {
        assert!(is_postgres_url(Path::new("postgres://pcf@db/footprints")));
        assert!(is_postgres_url(Path::new("PostgreSQL://pcf@db/footprints")));
        assert!(!is_postgres_url(Path::new("footprints.db")));
        assert!(!is_postgres_url(Path::new("./postgres/footprints.db")));
    }

    #[cfg(not(feature = "postgres"))]
    #[test]
    fn a_postgres_url_without_the_feature_is_bad_input_at_db() {
        let Err(HostError::Input(r)) = Store::open(Path::new("postgres://pcf@127.0.0.1:1/x"))
        else {
            panic!("expected bad input");
        };
        assert_eq!((r.code.as_str(), r.path.as_str()), ("invalid_value", "db"));
        assert!(r.message.contains("--features postgres"), "{}", r.message);
    }
}
