//! `pcf pact serve`: the PACT v3 REST API over HTTPS (docs/pact-api.md).
//!
//! | request | answer |
//! |---|---|
//! | `POST /auth/token` (Basic client credentials, `grant_type=client_credentials`) | 200 `{access_token, token_type, expires_in}`; 401 `invalid_client`; 400 `invalid_request` / `unsupported_grant_type` (RFC 6749 §5.2 bodies) |
//! | `GET /3/footprints?…` | 200 `{data: [...]}` in order of publication, at most `limit` (and [`MAX_PAGE`]), `Link: <https://host/3/footprints?…&offset=N>; rel="next"` when more match; 400 `BadRequest` for a date or limit that cannot be read |
//! | `GET /3/footprints/{id}` | 200 `{data: {...}}`, deprecated ones too; 404 `NotFound` |
//! | `POST /3/events` | 200 with an empty body; 400 `BadRequest` naming the member; a `RequestCreatedEvent` from a source the requesters file does not list: 403 `AccessDenied`; with [`crate::callback::MAX_PENDING`] answers on their way: 429 |
//!
//! A `RequestCreatedEvent` from a listed requester has its answer stored
//! ([`crate::store::PendingAnswer`]) before its 200, and is answered by a task of its own
//! ([`crate::callback`]): a `RequestFulfilledEvent` or `RequestRejectedEvent` posted to the
//! requester's `/3/events`. A round that does not reach the requester leaves the answer stored;
//! the scheduler ([`scheduler`]) takes stored answers up when their next round is due, an
//! earlier run's too.
//!
//! Every `/3/` request needs `Authorization: Bearer <token>`: a missing or invalid token is
//! 400 `BadRequest` (what the conformance suite expects), an expired one 401 `TokenExpired`.
//! Bodies above [`MAX_BODY`] are 413; a client above its rate ([`RATE_PER_SECOND`], bursts of
//! [`RATE_BURST`]) gets 429 with `Retry-After`. Errors are `{code, message}` with
//! `Content-Type: application/json`. Every request is one JSON line on stderr: time, client,
//! method, path, status, milliseconds.

use std::collections::{HashMap, HashSet};
use std::net::{SocketAddr, ToSocketAddrs};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, Path as UrlPath, Request, State};
use axum::http::header::{
    AUTHORIZATION, CACHE_CONTROL, CONTENT_TYPE, HOST, LINK, RETRY_AFTER, WWW_AUTHENTICATE,
};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde_json::{json, Value};

use crate::auth::{basic_credentials, Clients, TokenError, Tokens};
use crate::callback::{self, Callbacks};
use crate::events::{self, Envelope, Event};
use crate::query::{ListQuery, MAX_PAGE};
use crate::requesters::{Requester, Requesters};
use crate::store::{PendingAnswer, Store};
use crate::{now_seconds, HostError};

/// The largest request body, in bytes (1 MiB).
pub const MAX_BODY: usize = 1 << 20;

/// Requests per second a client may make on average ...
pub const RATE_PER_SECOND: f64 = 50.0;
/// ... and in a burst.
pub const RATE_BURST: f64 = 100.0;

/// Token requests per second for one client id (each costs an Argon2 verification) ...
const TOKEN_RATE_PER_SECOND: f64 = 2.0;
/// ... and in a burst.
const TOKEN_RATE_BURST: f64 = 10.0;

/// What `pcf pact serve` is given.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ServeOptions {
    /// The database file (created when missing).
    pub db: PathBuf,
    /// Where to listen, `HOST:PORT` (port 0: any free port, said on stderr).
    pub listen: String,
    /// The certificate chain (PEM), with `key`; without both, a self-signed one.
    pub cert: Option<PathBuf>,
    /// The private key (PEM).
    pub key: Option<PathBuf>,
    /// The clients file; without it, one client `pcf` with a random secret said on stderr.
    pub clients: Option<PathBuf>,
    /// The requesters file ([`crate::requesters`]): whose `RequestCreatedEvent`s are answered,
    /// with the credentials for their token endpoints. Without it every request is refused
    /// (403).
    pub requesters: Option<PathBuf>,
    /// Certificates (PEM) to trust in requesters' servers, besides the usual web roots.
    pub cacert: Option<PathBuf>,
    /// Accept any certificate from a requester on `localhost`, `127.0.0.1` or `::1`.
    pub insecure_localhost: bool,
    /// The most answers to requests stored at once (waiting for a requester that cannot be
    /// reached); a request beyond is a 429. `None`: [`MAX_STORED_ANSWERS`].
    pub max_stored_answers: Option<usize>,
}

/// The most answers stored at once by default: a requester down for long, or a client sending
/// requests for one, cannot grow the database without bound.
pub const MAX_STORED_ANSWERS: usize = 10_000;

/// The client a request is made for (request and response extension, for the log).
#[derive(Debug, Clone)]
struct ClientId(String);

struct Bucket {
    tokens: f64,
    last: Instant,
}

struct App {
    store: Mutex<Store>,
    clients: Clients,
    tokens: Tokens,
    buckets: Mutex<HashMap<String, Bucket>>,
    /// The address listened on, for a `Link` when the request has no usable `Host`.
    local: SocketAddr,
    /// The requesters and the clients that answer them.
    callbacks: Callbacks,
    /// [`ServeOptions::max_stored_answers`].
    max_stored_answers: usize,
    /// The ids of the stored answers a task is delivering now (the scheduler skips them).
    in_flight: Mutex<HashSet<String>>,
}

/// How often the stored answers are looked at for a round that is due.
const SCHEDULER_TICK: Duration = Duration::from_secs(5);

/// How long a round taken up by the scheduler holds its answer (longer than a round lasts):
/// another host sharing the database takes it up after that only if this one died.
const ROUND_LEASE_S: i64 = 300;

impl App {
    /// Takes one request from `key`'s bucket; false when it is empty.
    fn allow(&self, key: &str, rate: f64, burst: f64) -> bool {
        let Ok(mut buckets) = self.buckets.lock() else {
            return false;
        };
        let now = Instant::now();
        // Forget idle clients now and then, so random ids cannot grow the map for ever.
        if buckets.len() > 10_000 {
            buckets.retain(|_, b| now.duration_since(b.last) < Duration::from_secs(60));
        }
        let b = buckets.entry(key.to_owned()).or_insert(Bucket {
            tokens: burst,
            last: now,
        });
        b.tokens = (b.tokens + now.duration_since(b.last).as_secs_f64() * rate).min(burst);
        b.last = now;
        if b.tokens >= 1.0 {
            b.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

fn notice(v: Value) {
    eprintln!("{v}");
}

/// Opens the database, reads the clients and the TLS identity, listens, and serves until
/// the process is stopped. Bad options are [`HostError::Input`] naming the option (`db`,
/// `listen`, `cert`, `key`, `clients:LINE`).
pub fn serve(opts: ServeOptions) -> Result<(), HostError> {
    // Every option is checked before anything is said or listened on: a run that fails to
    // start prints its one error and no generated secret.
    let mut notices = Vec::new();
    let addr = opts
        .listen
        .to_socket_addrs()
        .ok()
        .and_then(|mut a| a.next())
        .ok_or_else(|| {
            HostError::input(
                "invalid_value",
                "listen",
                format!(
                    "`{}` is not an address to listen on (HOST:PORT, such as 127.0.0.1:8443)",
                    opts.listen
                ),
            )
        })?;
    let tls = match (&opts.cert, &opts.key) {
        (Some(c), Some(k)) => crate::tls::from_files(c, k)?,
        (None, None) => {
            let (config, fingerprint) = crate::tls::self_signed()?;
            notices.push(json!({"notice": "no --cert/--key: a self-signed certificate for localhost, made for this run (clients must be told to trust it; give --cert and --key for a real one)", "sha256_fingerprint": fingerprint}));
            config
        }
        (Some(_), None) => {
            return Err(HostError::input(
                "invalid_value",
                "key",
                "--cert needs --key",
            ))
        }
        (None, Some(_)) => {
            return Err(HostError::input(
                "invalid_value",
                "cert",
                "--key needs --cert",
            ))
        }
    };
    let clients = match &opts.clients {
        Some(p) => {
            let text = std::fs::read_to_string(p).map_err(|e| {
                HostError::input(
                    "cannot_read",
                    "clients",
                    format!("cannot read {}: {e}", p.display()),
                )
            })?;
            Clients::parse(&p.display().to_string(), &text)?
        }
        None => {
            let (clients, secret) = Clients::random("pcf")?;
            notices.push(json!({"notice": "no --clients: one client `pcf` with a secret for this run only", "client_id": "pcf", "client_secret": secret}));
            clients
        }
    };
    let requesters = match &opts.requesters {
        Some(p) => {
            let text = std::fs::read_to_string(p).map_err(|e| {
                HostError::input(
                    "cannot_read",
                    "requesters",
                    format!("cannot read {}: {e}", p.display()),
                )
            })?;
            Requesters::parse(&p.display().to_string(), &text)?
        }
        None => Requesters::default(),
    };
    let callbacks = Callbacks::new(requesters, opts.cacert.as_deref(), opts.insecure_localhost)?;
    notices.push(match callbacks.requesters().is_empty() {
        true => json!({"notice": "no --requesters: a RequestCreatedEvent is refused (403), as no requester can be answered"}),
        false => json!({"notice": "RequestCreatedEvents are answered", "requesters": callbacks.requesters().iter().map(|r| r.base()).collect::<Vec<_>>()}),
    });
    let store = Store::open(&opts.db)?;
    // The store's own name for itself: a PostgreSQL URL without its password.
    let db_name = store.path().to_owned();
    let listener = std::net::TcpListener::bind(addr).map_err(|e| {
        HostError::input(
            "invalid_value",
            "listen",
            format!("cannot listen on {addr}: {e}"),
        )
    })?;
    let io = |what: &str, e: std::io::Error| HostError::Internal(format!("{what}: {e}"));
    listener
        .set_nonblocking(true)
        .map_err(|e| io("socket", e))?;
    let local = listener.local_addr().map_err(|e| io("socket", e))?;
    for n in notices {
        notice(n);
    }
    let app = Arc::new(App {
        store: Mutex::new(store),
        clients,
        tokens: Tokens::new(),
        buckets: Mutex::new(HashMap::new()),
        local,
        callbacks,
        in_flight: Mutex::new(HashSet::new()),
        max_stored_answers: opts.max_stored_answers.unwrap_or(MAX_STORED_ANSWERS),
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| io("the async runtime", e))?;
    let router = router(app.clone());
    notice(json!({"listening": format!("https://{local}"), "db": db_name}));
    runtime.block_on(async move {
        // The answers stored by an earlier run are due at once; then every SCHEDULER_TICK.
        tokio::spawn(scheduler(app));
        let config = axum_server::tls_rustls::RustlsConfig::from_config(Arc::new(tls));
        axum_server::from_tcp_rustls(listener, config)
            .serve(router.into_make_service())
            .await
            .map_err(|e| io("serving", e))
    })
}

fn router(app: Arc<App>) -> Router {
    let api = Router::new()
        .route("/3/footprints", get(list))
        .route("/3/footprints/{id}", get(get_one))
        .route("/3/events", post(event))
        .route_layer(middleware::from_fn_with_state(app.clone(), authorize));
    Router::new()
        .route("/auth/token", post(token))
        .route(
            "/.well-known/openid-configuration",
            get(openid_configuration),
        )
        .merge(api)
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(middleware::from_fn(log))
        .with_state(app)
}

/// A PACT error body `{code, message}`.
fn api_error(status: StatusCode, code: &str, message: impl Into<String>) -> Response {
    let body = json!({"code": code, "message": message.into()}).to_string();
    (status, [(CONTENT_TYPE, "application/json")], body).into_response()
}

/// An OAuth error body (RFC 6749 §5.2), for the token endpoint.
fn oauth_error(status: StatusCode, error: &str, description: impl Into<String>) -> Response {
    let body = json!({"error": error, "error_description": description.into()}).to_string();
    let mut r = (status, [(CONTENT_TYPE, "application/json")], body).into_response();
    if status == StatusCode::UNAUTHORIZED {
        r.headers_mut().insert(
            WWW_AUTHENTICATE,
            HeaderValue::from_static("Basic realm=\"pcf\""),
        );
    }
    r
}

fn too_many() -> Response {
    let mut r = api_error(
        StatusCode::TOO_MANY_REQUESTS,
        "BadRequest",
        format!("too many requests: at most {RATE_PER_SECOND} a second (bursts of {RATE_BURST}) per client; retry later"),
    );
    r.headers_mut()
        .insert(RETRY_AFTER, HeaderValue::from_static("1"));
    r
}

/// A body that could not be read (too large: 413).
fn body_error(e: BytesRejection) -> Response {
    let status = e.status();
    let message = match status {
        StatusCode::PAYLOAD_TOO_LARGE => {
            format!("the request body is larger than {MAX_BODY} bytes")
        }
        _ => format!("cannot read the request body: {e}"),
    };
    api_error(status, "BadRequest", message)
}

/// Runs `f` on the store in a blocking thread.
async fn query<T: Send + 'static>(
    app: &Arc<App>,
    f: impl FnOnce(&mut Store) -> Result<T, HostError> + Send + 'static,
) -> Result<T, HostError> {
    let app = app.clone();
    tokio::task::spawn_blocking(move || match app.store.lock() {
        Ok(mut s) => f(&mut s),
        Err(_) => Err(HostError::Internal("the store's lock was poisoned".into())),
    })
    .await
    .unwrap_or_else(|e| Err(HostError::Internal(format!("a task failed: {e}"))))
}

async fn with_store<T: Send + 'static>(
    app: &Arc<App>,
    f: impl FnOnce(&mut Store) -> Result<T, HostError> + Send + 'static,
) -> Result<T, Response> {
    query(app, f).await.map_err(|e| {
        eprintln!("{}", json!({"error": e.to_string()}));
        api_error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "InternalError",
            "the footprint store failed; the host's log says why",
        )
    })
}

async fn log(req: Request, next: Next) -> Response {
    let method = req.method().clone();
    let path = req.uri().path().to_owned();
    let query = req.uri().query().map(str::to_owned);
    let start = Instant::now();
    let resp = next.run(req).await;
    let client = resp
        .extensions()
        .get::<ClientId>()
        .map(|c| c.0.clone())
        .unwrap_or_else(|| "-".into());
    eprintln!(
        "{}",
        json!({
            "time": crate::date_time(now_seconds()),
            "client": client,
            "method": method.as_str(),
            "path": path,
            "query": query,
            "status": resp.status().as_u16(),
            "ms": start.elapsed().as_millis() as u64,
        })
    );
    resp
}

async fn authorize(State(app): State<Arc<App>>, mut req: Request, next: Next) -> Response {
    let bearer = req
        .headers()
        .get(AUTHORIZATION)
        .and_then(|h| h.to_str().ok())
        .and_then(|h| {
            let (scheme, token) = h.trim().split_once(' ')?;
            scheme
                .eq_ignore_ascii_case("bearer")
                .then(|| token.trim().to_owned())
        });
    let refuse = |status, code, message: &str| {
        let mut r = api_error(status, code, message);
        r.headers_mut().insert(
            WWW_AUTHENTICATE,
            HeaderValue::from_static("Bearer error=\"invalid_token\""),
        );
        r
    };
    let Some(token) = bearer else {
        return refuse(
            StatusCode::BAD_REQUEST,
            "BadRequest",
            "an Authorization: Bearer token is required (POST /auth/token)",
        );
    };
    let client = match app.tokens.check(&token, now_seconds()) {
        Ok(c) => c,
        Err(TokenError::Expired) => {
            return refuse(
                StatusCode::UNAUTHORIZED,
                "TokenExpired",
                "the access token has expired: get a new one (POST /auth/token)",
            )
        }
        Err(TokenError::Invalid) => {
            return refuse(
                StatusCode::BAD_REQUEST,
                "BadRequest",
                "the access token is not valid for this host",
            )
        }
    };
    let mut resp = match app.allow(&client, RATE_PER_SECOND, RATE_BURST) {
        true => {
            req.extensions_mut().insert(ClientId(client.clone()));
            next.run(req).await
        }
        false => too_many(),
    };
    resp.extensions_mut().insert(ClientId(client));
    resp
}

async fn token(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let body = match body {
        Ok(b) => b,
        Err(e) => return body_error(e),
    };
    let Some((id, secret)) = headers
        .get(AUTHORIZATION)
        .and_then(|h| h.to_str().ok())
        .and_then(basic_credentials)
    else {
        return oauth_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "client credentials are required as HTTP Basic authentication",
        );
    };
    let mut resp = token_for(&app, &id, &secret, &body).await;
    resp.extensions_mut().insert(ClientId(id));
    resp
}

async fn token_for(app: &Arc<App>, id: &str, secret: &str, body: &[u8]) -> Response {
    if !app.allow(
        &format!("token\u{0}{id}"),
        TOKEN_RATE_PER_SECOND,
        TOKEN_RATE_BURST,
    ) {
        return too_many();
    }
    let checker = app.clone();
    let (cid, csecret) = (id.to_owned(), secret.to_owned());
    let ok = tokio::task::spawn_blocking(move || checker.clients.check(&cid, &csecret))
        .await
        .unwrap_or(false);
    if !ok {
        return oauth_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "unknown client or wrong secret",
        );
    }
    let grant = form_urlencoded::parse(body)
        .find(|(k, _)| k == "grant_type")
        .map(|(_, v)| v.into_owned());
    match grant.as_deref() {
        Some("client_credentials") => {}
        Some(other) => {
            return oauth_error(
                StatusCode::BAD_REQUEST,
                "unsupported_grant_type",
                format!("grant_type `{other}`: this host grants client_credentials only"),
            )
        }
        None => return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "the body must be grant_type=client_credentials (application/x-www-form-urlencoded)",
        ),
    }
    let body = json!({
        "access_token": app.tokens.issue(id, now_seconds()),
        "token_type": "bearer",
        "expires_in": crate::auth::TOKEN_SECONDS,
    })
    .to_string();
    (
        StatusCode::OK,
        [
            (CONTENT_TYPE, "application/json"),
            (CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}

/// The `Host` of the request if it is a plain host[:port] (the `Link` repeats it, as the
/// spec asks), else the address listened on.
fn authority(headers: &HeaderMap, local: SocketAddr) -> String {
    headers
        .get(HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            !h.is_empty()
                && h.chars()
                    .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
        })
        .map(str::to_owned)
        .unwrap_or_else(|| local.to_string())
}

/// The OpenID Provider Configuration a PACT client may look for first (OpenID Connect
/// Discovery 1.0 §3; the conformance suite does): this host's issuer and token endpoint, built
/// from the request's `Host` as the `Link` is. Only the keys a client-credentials client
/// needs; no user login, so no authorization or JWKS endpoint.
async fn openid_configuration(State(app): State<Arc<App>>, headers: HeaderMap) -> Response {
    let base = format!("https://{}", authority(&headers, app.local));
    let body = json!({
        "issuer": base,
        "token_endpoint": format!("{base}/auth/token"),
        "grant_types_supported": ["client_credentials"],
        "token_endpoint_auth_methods_supported": ["client_secret_basic"],
        "response_types_supported": ["token"],
    });
    (
        StatusCode::OK,
        [(CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response()
}

async fn list(State(app): State<Arc<App>>, headers: HeaderMap, uri: Uri) -> Response {
    let q = match ListQuery::parse(uri.query().unwrap_or("")) {
        Ok(q) => q,
        Err(e) => return api_error(StatusCode::BAD_REQUEST, "BadRequest", e.message),
    };
    let rows = match with_store(&app, |s| s.all()).await {
        Ok(r) => r,
        Err(resp) => return resp,
    };
    let page = q.limit.unwrap_or(MAX_PAGE).min(MAX_PAGE);
    let mut matching = 0usize;
    let mut data: Vec<String> = Vec::new();
    for row in rows {
        let Ok(v) = serde_json::from_str::<Value>(&row.footprint) else {
            continue;
        };
        if q.filter.matches(&v) {
            if matching >= q.offset && data.len() < page {
                data.push(row.footprint);
            }
            matching += 1;
        }
    }
    let body = format!("{{\"data\":[{}]}}", data.join(","));
    let mut resp = (StatusCode::OK, [(CONTENT_TYPE, "application/json")], body).into_response();
    let next = q.offset.saturating_add(page);
    if next < matching {
        let link = format!(
            "<https://{}/3/footprints?{}>; rel=\"next\"",
            authority(&headers, app.local),
            q.next_query(next, page)
        );
        if let Ok(v) = HeaderValue::from_str(&link) {
            resp.headers_mut().insert(LINK, v);
        }
    }
    resp
}

async fn get_one(State(app): State<Arc<App>>, UrlPath(id): UrlPath<String>) -> Response {
    let missing = || {
        api_error(
            StatusCode::NOT_FOUND,
            "NotFound",
            format!("no footprint with the id `{id}`"),
        )
    };
    if uuid::Uuid::try_parse(&id).is_err() {
        return missing();
    }
    let key = id.clone();
    match with_store(&app, move |s| s.get(&key)).await {
        Ok(Some(text)) => (
            StatusCode::OK,
            [(CONTENT_TYPE, "application/json")],
            format!("{{\"data\":{text}}}"),
        )
            .into_response(),
        Ok(None) => missing(),
        Err(resp) => resp,
    }
}

async fn event(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    req: axum::extract::Extension<ClientId>,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let body = match body {
        Ok(b) => b,
        Err(e) => return body_error(e),
    };
    let kind = headers
        .get(CONTENT_TYPE)
        .and_then(|h| h.to_str().ok())
        .map(|h| h.to_ascii_lowercase())
        .unwrap_or_default();
    let media = kind.split(';').next().unwrap_or("").trim().to_owned();
    if media != "application/cloudevents+json" && media != "application/json" {
        return api_error(
            StatusCode::BAD_REQUEST,
            "BadRequest",
            format!("an event is sent as application/cloudevents+json, not `{kind}`"),
        );
    }
    let client = &req.0 .0;
    let e = match events::parse(&body) {
        Ok(e) => e,
        Err(e) => {
            return api_error(
                StatusCode::BAD_REQUEST,
                "BadRequest",
                format!("{}: {}", e.path, e.message),
            )
        }
    };
    let what = match e {
        Event::RequestCreated { id, source, .. } => {
            return request_created(app, &headers, client, id, source, &body).await
        }
        Event::Published { pf_ids } => json!({"event": "published", "pfIds": pf_ids}),
        Event::RequestFulfilled { request_event_id } => {
            json!({"event": "request_fulfilled", "requestEventId": request_event_id})
        }
        Event::RequestRejected { request_event_id } => {
            json!({"event": "request_rejected", "requestEventId": request_event_id})
        }
    };
    eprintln!("{}", json!({"client": client, "accepted": what}));
    StatusCode::OK.into_response()
}

/// A `RequestCreatedEvent`: from a listed requester, the answer stored, then 200 and the
/// answer on its way (a task of its own: the response does not wait for it); from any other
/// source, 403; with too many answers on their way, 429; when the answer cannot be stored,
/// 500 (nothing was promised).
async fn request_created(
    app: Arc<App>,
    headers: &HeaderMap,
    client: &str,
    id: String,
    source: String,
    body: &[u8],
) -> Response {
    let Some(requester) = app.callbacks.find(&source) else {
        eprintln!(
            "{}",
            json!({"client": client, "refused": {"event": "request_created", "id": id, "source": source,
                   "reason": "the source is not in the requesters file (--requesters): no answer can be sent"}})
        );
        return api_error(
            StatusCode::FORBIDDEN,
            "AccessDenied",
            format!("$.source: `{source}` is not a requester this host answers (its operator lists them with --requesters); the footprints can be listed with GET /3/footprints"),
        );
    };
    let Some(permit) = app.callbacks.permit() else {
        let mut r = api_error(
            StatusCode::TOO_MANY_REQUESTS,
            "BadRequest",
            format!(
                "{} answers to requests are on their way: send the request again later",
                callback::MAX_PENDING
            ),
        );
        r.headers_mut()
            .insert(RETRY_AFTER, HeaderValue::from_static("10"));
        return r;
    };
    let now = now_seconds();
    let pending = PendingAnswer {
        answer_id: callback::event_id(),
        requester: requester.base().to_owned(),
        // This host's base URL as the requester reached it (as the pagination links do).
        host_base: format!("https://{}", authority(headers, app.local)),
        request: String::from_utf8_lossy(body).into_owned(),
        received: now,
        attempts: 0,
        // The first round starts now, in the task below; this is when the scheduler would
        // take it up should that task not end (a restart takes it up at once).
        next_at: now + callback::ROUND_DELAYS_S[0],
    };
    let stored = pending.clone();
    let limit = app.max_stored_answers;
    match with_store(&app, move |s| s.queue_answer(&stored, limit)).await {
        Ok(true) => {}
        Ok(false) => {
            let mut r = api_error(
                StatusCode::TOO_MANY_REQUESTS,
                "BadRequest",
                format!("{limit} answers to requests are waiting for their requesters: send the request again later"),
            );
            r.headers_mut()
                .insert(RETRY_AFTER, HeaderValue::from_static("60"));
            return r;
        }
        Err(r) => return r,
    }
    eprintln!(
        "{}",
        json!({"client": client, "accepted": {"event": "request_created", "id": id, "source": source,
               "answer_to": requester.endpoint("/3/events").as_str(), "eventId": pending.answer_id}})
    );
    mark_in_flight(&app, &pending.answer_id, true);
    tokio::spawn(answer_round(app, requester, pending, permit));
    StatusCode::OK.into_response()
}

fn mark_in_flight(app: &App, answer_id: &str, on: bool) {
    if let Ok(mut set) = app.in_flight.lock() {
        if on {
            set.insert(answer_id.to_owned());
        } else {
            set.remove(answer_id);
        }
    }
}

/// One round of delivery of a stored answer: the footprints meeting the request now, the
/// answer with its stored id, [`Callbacks::deliver`], then the answer forgotten (delivered,
/// refused) or kept for the next round, or given up 72 hours after the request.
async fn answer_round(
    app: Arc<App>,
    requester: Requester,
    p: PendingAnswer,
    permit: tokio::sync::OwnedSemaphorePermit,
) {
    let settle = match events::parse(p.request.as_bytes()) {
        Ok(Event::RequestCreated { id, filter, .. }) => {
            let envelope = Envelope {
                id: p.answer_id.clone(),
                source: p.host_base.clone(),
                time: crate::date_time(now_seconds()),
                request_event_id: id,
            };
            let criteria = filter.clone();
            let found = query(&app, move |s| callback::matching(s, &criteria)).await;
            let answer = callback::answer(envelope, &filter, found);
            match app.callbacks.deliver(&requester, &answer, permit).await {
                callback::Delivery::Delivered | callback::Delivery::Refused => true,
                callback::Delivery::Unreachable => {
                    let now = now_seconds();
                    let rounds = p.attempts + 1;
                    let next = callback::next_round(p.received, rounds, now);
                    let mut line = json!({
                        "time": crate::date_time(now),
                        "callback": answer.kind,
                        "requester": requester.base(),
                        "requestEventId": answer.envelope.request_event_id,
                        "eventId": p.answer_id,
                        "rounds": rounds,
                    });
                    if let Some(o) = line.as_object_mut() {
                        match next {
                            Some(at) => {
                                o.insert("outcome".into(), json!("rescheduled"));
                                o.insert("next_round".into(), json!(crate::date_time(at)));
                            }
                            None => {
                                o.insert("outcome".into(), json!("gave_up"));
                                o.insert(
                                    "detail".into(),
                                    json!("not delivered 72 hours after the request"),
                                );
                            }
                        }
                    }
                    eprintln!("{line}");
                    match next {
                        Some(at) => {
                            let id = p.answer_id.clone();
                            if let Err(e) =
                                query(&app, move |s| s.reschedule_answer(&id, rounds, at)).await
                            {
                                eprintln!("{}", json!({"error": e.to_string()}));
                            }
                            false
                        }
                        None => true,
                    }
                }
            }
        }
        // Stored by this host from a request it had read: cannot happen unless the stored
        // text was changed; it is dropped, said in the log.
        _ => {
            eprintln!(
                "{}",
                json!({"error": format!("stored answer {}: its request is not a RequestCreatedEvent any more; dropped", p.answer_id)})
            );
            true
        }
    };
    if settle {
        let id = p.answer_id.clone();
        if let Err(e) = query(&app, move |s| s.settle_answer(&id)).await {
            eprintln!("{}", json!({"error": e.to_string()}));
        }
    }
    mark_in_flight(&app, &p.answer_id, false);
}

/// Takes up, every [`SCHEDULER_TICK`] from the start, the stored answers whose round is due
/// (those an earlier run left too: a new answer's first round is due 30 s after its request,
/// should the task that delivers it at once not settle it), as places among the answers on
/// their way allow. Each is claimed in the store first ([`Store::claim_answer`]), so hosts
/// sharing a PostgreSQL database do not both take it. An answer whose requester is no longer
/// in the requesters file is given up.
async fn scheduler(app: Arc<App>) {
    loop {
        let now = now_seconds();
        match query(&app, move |s| s.due_answers(now)).await {
            Ok(due) => {
                for p in due {
                    let busy = app
                        .in_flight
                        .lock()
                        .map(|set| set.contains(&p.answer_id))
                        .unwrap_or(true);
                    if busy {
                        continue;
                    }
                    let Some(requester) = app.callbacks.find(&p.requester) else {
                        eprintln!(
                            "{}",
                            json!({"time": crate::date_time(now_seconds()), "requester": p.requester,
                                   "eventId": p.answer_id, "outcome": "gave_up",
                                   "detail": "the requester is no longer in the requesters file"})
                        );
                        let id = p.answer_id.clone();
                        let _ = query(&app, move |s| s.settle_answer(&id)).await;
                        continue;
                    };
                    let Some(permit) = app.callbacks.permit() else {
                        break;
                    };
                    let id = p.answer_id.clone();
                    let claimed =
                        query(&app, move |s| s.claim_answer(&id, now, now + ROUND_LEASE_S)).await;
                    if !matches!(claimed, Ok(true)) {
                        continue;
                    }
                    mark_in_flight(&app, &p.answer_id, true);
                    tokio::spawn(answer_round(app.clone(), requester, p, permit));
                }
            }
            Err(e) => eprintln!("{}", json!({"error": e.to_string()})),
        }
        tokio::time::sleep(SCHEDULER_TICK).await;
    }
}

async fn not_found(uri: Uri) -> Response {
    api_error(
        StatusCode::NOT_FOUND,
        "NotFound",
        format!("no such endpoint: {}", uri.path()),
    )
}
