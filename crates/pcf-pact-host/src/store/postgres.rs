//! The footprint store in PostgreSQL (cargo feature `postgres`): `--db postgres://USER@HOST:PORT/DB`
//! (docs/pact-api.md, "PostgreSQL").
//!
//! The same two tables as the SQLite file, and a third, `pcf_layout(version)`, in place of
//! SQLite's `PRAGMA user_version`. Every write is one transaction that first takes the
//! transaction-scoped advisory lock [`LOCK`], so writes follow one another as SQLite's
//! immediate transactions do: a publish reads the active versions of its product and
//! deprecates them without another publish in between, and `seq` (a `BIGSERIAL`) is the order
//! of the commits. PostgreSQL's default `synchronous_commit = on` puts a commit in the
//! write-ahead log on disk before it returns: an acknowledged footprint survives a kill.
//!
//! The password comes from the URL or, when the URL has none, from `PGPASSWORD` (so it need
//! not be on a command line). Connections are plain TCP or a Unix socket (`host=/run/postgresql`
//! in the URL's query): TLS to the database is not built in, so use a loopback or private
//! network, or a TLS tunnel.

use std::time::Duration;

use postgres::{Client, NoTls, Transaction};

use super::{AnswerWrite, PendingAnswer, Row, CREATE_ANSWERS, LAYOUT_VERSION};
use crate::HostError;

/// The advisory lock of every write and of the tables' creation ("pcf_pact" in ASCII).
const LOCK: i64 = 0x7063_665f_7061_6374;

const CREATE: &str = "
CREATE TABLE pcf_layout (version INTEGER NOT NULL);
CREATE TABLE footprints (
    seq BIGSERIAL PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL CHECK (status IN ('Active', 'Deprecated')),
    stored TEXT NOT NULL,
    footprint TEXT NOT NULL
);
CREATE TABLE product_ids (
    product_id TEXT NOT NULL,
    footprint_id TEXT NOT NULL REFERENCES footprints(id),
    PRIMARY KEY (product_id, footprint_id)
);
";

/// An open connection to a footprint database.
pub(super) struct Pg {
    client: Client,
    name: String,
}

fn pg_error(name: &str, what: &str, e: postgres::Error) -> HostError {
    HostError::Internal(format!("{name}: {what}: {e}"))
}

/// The URL with its password replaced by `***`, for messages and the log.
pub(super) fn redact(url: &str) -> String {
    let Some(scheme_end) = url.find("://").map(|i| i + 3) else {
        return url.to_owned();
    };
    let rest = &url[scheme_end..];
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let Some(at) = rest[..authority_end].rfind('@') else {
        return url.to_owned();
    };
    match rest[..at].find(':') {
        Some(colon) => format!(
            "{}{}:***{}",
            &url[..scheme_end],
            &rest[..colon],
            &rest[at..]
        ),
        None => url.to_owned(),
    }
}

impl Pg {
    /// Connects and creates the tables in an empty database; a database with other tables
    /// named `footprints`, or of another layout version, is bad input at `db`.
    pub(super) fn open(url: &str) -> Result<(Pg, String), HostError> {
        let name = redact(url);
        let bad = |message: String| HostError::input("invalid_value", "db", message);
        let mut config: postgres::Config = url
            .parse()
            .map_err(|e| bad(format!("{name} is not a PostgreSQL URL: {e}")))?;
        if config.get_password().is_none() {
            if let Ok(p) = std::env::var("PGPASSWORD") {
                config.password(p);
            }
        }
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(Duration::from_secs(10));
        }
        let client = config
            .connect(NoTls)
            .map_err(|e| bad(format!("cannot connect to {name}: {e}")))?;
        let mut pg = Pg {
            client,
            name: name.clone(),
        };
        pg.create_tables()?;
        Ok((pg, name))
    }

    fn create_tables(&mut self) -> Result<(), HostError> {
        let name = self.name.clone();
        let name = name.as_str();
        let e = |what: &'static str| move |err| pg_error(name, what, err);
        let mut tx = self.client.transaction().map_err(e("begin"))?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&LOCK])
            .map_err(e("lock"))?;
        let exists = |tx: &mut Transaction<'_>, table: &str| -> Result<bool, postgres::Error> {
            let row = tx.query_one("SELECT to_regclass($1)::text", &[&table])?;
            Ok(row.try_get::<_, Option<String>>(0)?.is_some())
        };
        let layout = exists(&mut tx, "pcf_layout").map_err(e("reading the layout"))?;
        let footprints = exists(&mut tx, "footprints").map_err(e("reading the layout"))?;
        match (layout, footprints) {
            (false, false) => {
                tx.batch_execute(CREATE)
                    .and_then(|_| tx.batch_execute(CREATE_ANSWERS))
                    .map_err(e("creating the tables"))?;
                tx.execute(
                    "INSERT INTO pcf_layout (version) VALUES ($1)",
                    &[&(LAYOUT_VERSION as i32)],
                )
                .map_err(e("layout version"))?;
            }
            (false, true) => {
                return Err(HostError::input(
                    "invalid_value",
                    "db",
                    format!("{} holds a table `footprints` of something else (no pcf_layout table): give pcf a database of its own", self.name),
                ))
            }
            (true, _) => {
                let v: i32 = tx
                    .query_one("SELECT max(version) FROM pcf_layout", &[])
                    .map_err(e("layout version"))?
                    .try_get::<_, Option<i32>>(0)
                    .map_err(e("layout version"))?
                    .unwrap_or(0);
                if v == 1 {
                    // Layout 1 to 2: the answers on their way get their table.
                    tx.batch_execute(CREATE_ANSWERS)
                        .and_then(|_| {
                            tx.execute(
                                "UPDATE pcf_layout SET version = $1",
                                &[&(LAYOUT_VERSION as i32)],
                            )
                        })
                        .map_err(e("adding the answers table (layout 1 to 2)"))?;
                } else if i64::from(v) != LAYOUT_VERSION {
                    return Err(HostError::input(
                        "invalid_value",
                        "db",
                        format!(
                            "{} has layout version {v}; this pcf reads version {LAYOUT_VERSION}",
                            self.name
                        ),
                    ));
                }
            }
        }
        tx.commit().map_err(e("commit"))
    }

    pub(super) fn get(&mut self, id: &str) -> Result<Option<String>, HostError> {
        let name = self.name.clone();
        let mut tx = self
            .client
            .transaction()
            .map_err(|e| pg_error(&name, "begin", e))?;
        get(&mut tx, &name, id)
    }

    pub(super) fn all(&mut self) -> Result<Vec<Row>, HostError> {
        let rows = self
            .client
            .query("SELECT seq, footprint FROM footprints ORDER BY seq", &[])
            .map_err(|e| pg_error(&self.name, "listing footprints", e))?;
        rows.iter()
            .map(|r| {
                Ok(Row {
                    seq: r.try_get(0)?,
                    footprint: r.try_get(1)?,
                })
            })
            .collect::<Result<_, postgres::Error>>()
            .map_err(|e| pg_error(&self.name, "listing footprints", e))
    }

    pub(super) fn due_answers(&mut self, now: i64) -> Result<Vec<PendingAnswer>, HostError> {
        let rows = self
            .client
            .query(
                "SELECT answer_id, requester, host_base, request, received, attempts, next_at
                 FROM answers WHERE next_at <= $1 ORDER BY received, answer_id",
                &[&now],
            )
            .map_err(|e| pg_error(&self.name, "reading the answers on their way", e))?;
        rows.iter()
            .map(|r| {
                Ok(PendingAnswer {
                    answer_id: r.try_get(0)?,
                    requester: r.try_get(1)?,
                    host_base: r.try_get(2)?,
                    request: r.try_get(3)?,
                    received: r.try_get(4)?,
                    attempts: r.try_get(5)?,
                    next_at: r.try_get(6)?,
                })
            })
            .collect::<Result<_, postgres::Error>>()
            .map_err(|e| pg_error(&self.name, "reading the answers on their way", e))
    }

    pub(super) fn count(&mut self) -> Result<i64, HostError> {
        self.client
            .query_one("SELECT count(*) FROM footprints", &[])
            .and_then(|r| r.try_get(0))
            .map_err(|e| pg_error(&self.name, "counting footprints", e))
    }

    pub(super) fn integrity_check(&mut self) -> Result<String, HostError> {
        let row = self
            .client
            .query_one(
                "SELECT
                   (SELECT count(*) FROM product_ids p LEFT JOIN footprints f ON f.id = p.footprint_id
                     WHERE f.id IS NULL),
                   (SELECT count(*) FROM footprints WHERE (footprint::jsonb ->> 'status') IS DISTINCT FROM status)",
                &[],
            )
            .map_err(|e| pg_error(&self.name, "integrity check", e))?;
        let (orphans, statuses): (i64, i64) = row
            .try_get(0)
            .and_then(|a| Ok((a, row.try_get(1)?)))
            .map_err(|e| pg_error(&self.name, "integrity check", e))?;
        Ok(match (orphans, statuses) {
            (0, 0) => "ok".into(),
            _ => format!(
                "{orphans} product id(s) without their footprint, {statuses} footprint(s) whose status column differs from their JSON"
            ),
        })
    }

    /// Runs `f` in one transaction holding [`LOCK`], committed when it returns `Ok` (the
    /// commit is durable when this returns), rolled back otherwise.
    pub(super) fn write<T>(
        &mut self,
        f: impl FnOnce(&mut Transaction<'_>) -> Result<T, HostError>,
    ) -> Result<T, HostError> {
        let name = self.name.clone();
        let mut tx = self
            .client
            .transaction()
            .map_err(|e| pg_error(&name, "begin", e))?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&LOCK])
            .map_err(|e| pg_error(&name, "lock", e))?;
        let out = f(&mut tx)?;
        tx.commit().map_err(|e| pg_error(&name, "commit", e))?;
        Ok(out)
    }
}

pub(super) fn get(
    tx: &mut Transaction<'_>,
    name: &str,
    id: &str,
) -> Result<Option<String>, HostError> {
    tx.query_opt(
        "SELECT footprint FROM footprints WHERE id = $1",
        &[&id.to_ascii_lowercase()],
    )
    .and_then(|row| row.map(|r| r.try_get(0)).transpose())
    .map_err(|e| pg_error(name, "reading a footprint", e))
}

pub(super) fn active_versions(
    tx: &mut Transaction<'_>,
    name: &str,
    product_ids: &[String],
) -> Result<Vec<String>, HostError> {
    let mut out: Vec<String> = Vec::new();
    for pid in product_ids {
        let rows = tx
            .query(
                "SELECT f.id FROM product_ids p JOIN footprints f ON f.id = p.footprint_id
                 WHERE p.product_id = $1 AND f.status = 'Active' ORDER BY f.seq",
                &[&pid.to_lowercase()],
            )
            .map_err(|e| pg_error(name, "finding versions", e))?;
        for r in rows {
            let id: String = r
                .try_get(0)
                .map_err(|e| pg_error(name, "finding versions", e))?;
            if !out.contains(&id) {
                out.push(id);
            }
        }
    }
    Ok(out)
}

pub(super) fn insert(
    tx: &mut Transaction<'_>,
    name: &str,
    [id, status, stored, footprint]: [&str; 4],
    product_ids: &[String],
) -> Result<(), HostError> {
    tx.execute(
        "INSERT INTO footprints (id, status, stored, footprint) VALUES ($1, $2, $3, $4)",
        &[&id, &status, &stored, &footprint],
    )
    .map_err(|e| pg_error(name, "storing a footprint", e))?;
    for pid in product_ids {
        tx.execute(
            "INSERT INTO product_ids (product_id, footprint_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            &[&pid.to_lowercase(), &id],
        )
        .map_err(|e| pg_error(name, "storing product ids", e))?;
    }
    Ok(())
}

pub(super) fn answers_stored(tx: &mut Transaction<'_>, name: &str) -> Result<i64, HostError> {
    tx.query_one("SELECT count(*) FROM answers", &[])
        .and_then(|r| r.try_get(0))
        .map_err(|e| pg_error(name, "counting the answers on their way", e))
}

pub(super) fn claim_answer(
    tx: &mut Transaction<'_>,
    name: &str,
    answer_id: &str,
    now: i64,
    until: i64,
) -> Result<bool, HostError> {
    tx.execute(
        "UPDATE answers SET next_at = $3 WHERE answer_id = $1 AND next_at <= $2",
        &[&answer_id, &now, &until],
    )
    .map(|n| n == 1)
    .map_err(|e| pg_error(name, "taking an answer for a round", e))
}

pub(super) fn answer_statement(
    tx: &mut Transaction<'_>,
    name: &str,
    what: AnswerWrite<'_>,
) -> Result<(), HostError> {
    let done = match what {
        AnswerWrite::Queue(a) => tx.execute(
            "INSERT INTO answers (answer_id, requester, host_base, request, received, attempts, next_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
            &[&a.answer_id, &a.requester, &a.host_base, &a.request, &a.received, &a.attempts, &a.next_at],
        ),
        AnswerWrite::Reschedule {
            answer_id,
            attempts,
            next_at,
        } => tx.execute(
            "UPDATE answers SET attempts = $2, next_at = $3 WHERE answer_id = $1",
            &[&answer_id, &attempts, &next_at],
        ),
        AnswerWrite::Settle(answer_id) => {
            tx.execute("DELETE FROM answers WHERE answer_id = $1", &[&answer_id])
        }
    };
    done.map(|_| ())
        .map_err(|e| pg_error(name, "writing an answer on its way", e))
}

pub(super) fn deprecate(
    tx: &mut Transaction<'_>,
    name: &str,
    id: &str,
    text: &str,
) -> Result<(), HostError> {
    tx.execute(
        "UPDATE footprints SET status = 'Deprecated', footprint = $2 WHERE id = $1",
        &[&id, &text],
    )
    .map_err(|e| pg_error(name, "deprecating a footprint", e))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn a_password_never_reaches_a_message() {
        assert_eq!(
            redact("postgres://pcf:s3cret@db.example:5432/footprints"),
            "postgres://pcf:***@db.example:5432/footprints"
        );
        assert_eq!(
            redact("postgresql://pcf@localhost/footprints"),
            "postgresql://pcf@localhost/footprints"
        );
        assert_eq!(
            redact("postgres://a:b:c@h/d?x=@"),
            "postgres://a:***@h/d?x=@"
        );
        assert_eq!(redact("postgres://h/d"), "postgres://h/d");
    }
}
