//! `--allow-fetch`: fetching the page a `POST /api/trace` names by URL.
//!
//! A server that fetches URLs for its callers can be turned against the
//! network it sits in (server-side request forgery), so a fetch refuses
//! every address that is not public unicast — loopback, private, shared
//! (CGNAT), link-local (cloud metadata lives at 169.254.169.254),
//! unspecified, multicast, broadcast, documentation, benchmarking and
//! reserved ranges, and the IPv6 forms that embed such an IPv4 address
//! (mapped, compatible, NAT64, 6to4). It checks the addresses the name
//! resolves to and then connects to one of those very addresses, so a DNS
//! answer that changes between check and connect (rebinding) cannot slip
//! through; every redirect target goes through the same checks. Sizes,
//! time and the number of redirects are bounded.
//!
//! Why hyper's own client connection plus tokio-rustls and not a client
//! crate: hyper and hyper-util are already here (they serve), and a
//! one-request connection over a socket we opened ourselves is the simplest
//! way to be sure of the address used — no pool, no proxy from the
//! environment, no resolver of the crate's own. rustls (memory-safe, since
//! the peer is whoever the caller names) with the `ring` provider builds
//! without cmake, and `webpki-roots` carries the trust anchors, so nothing
//! depends on the host's OpenSSL or certificate store.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::http::uri::{Authority, Scheme};
use axum::http::{header, HeaderValue, Method, Request, StatusCode, Uri};
use http_body_util::{BodyExt, Empty};
use hyper_util::rt::TokioIo;
use reprint_ingest::{decode_html, decode_text, PageBody};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpStream;
use tokio_rustls::rustls;

/// Why an address is never fetched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reserved {
    Unspecified,
    ThisNetwork,
    Loopback,
    Private,
    SharedAddressSpace,
    LinkLocal,
    SiteLocal,
    UniqueLocal,
    Multicast,
    Broadcast,
    Documentation,
    Benchmarking,
    ProtocolAssignments,
    FutureUse,
    DiscardOnly,
    /// `::a.b.c.d` (deprecated since 2006; nothing public answers there).
    Ipv4Compatible,
    /// Outside 2000::/3, the only IPv6 block handed out for public use.
    NotGlobalUnicast,
}

impl Reserved {
    pub fn label(self) -> &'static str {
        match self {
            Reserved::Unspecified => "unspecified",
            Reserved::ThisNetwork => "\"this network\"",
            Reserved::Loopback => "loopback",
            Reserved::Private => "private",
            Reserved::SharedAddressSpace => "shared (carrier-grade NAT)",
            Reserved::LinkLocal => "link-local",
            Reserved::SiteLocal => "site-local",
            Reserved::UniqueLocal => "unique-local (private)",
            Reserved::Multicast => "multicast",
            Reserved::Broadcast => "broadcast",
            Reserved::Documentation => "documentation",
            Reserved::Benchmarking => "benchmarking",
            Reserved::ProtocolAssignments => "protocol-assignment",
            Reserved::FutureUse => "reserved",
            Reserved::DiscardOnly => "discard-only",
            Reserved::Ipv4Compatible => "IPv4-compatible IPv6",
            Reserved::NotGlobalUnicast => "non-global IPv6",
        }
    }
}

/// IPv4 special-purpose blocks (IANA registry), most specific first.
const RESERVED_V4: &[([u8; 4], u32, Reserved)] = &[
    ([0, 0, 0, 0], 32, Reserved::Unspecified),
    ([255, 255, 255, 255], 32, Reserved::Broadcast),
    ([0, 0, 0, 0], 8, Reserved::ThisNetwork),
    ([10, 0, 0, 0], 8, Reserved::Private),
    ([100, 64, 0, 0], 10, Reserved::SharedAddressSpace),
    ([127, 0, 0, 0], 8, Reserved::Loopback),
    ([169, 254, 0, 0], 16, Reserved::LinkLocal),
    ([172, 16, 0, 0], 12, Reserved::Private),
    ([192, 0, 0, 0], 24, Reserved::ProtocolAssignments),
    ([192, 0, 2, 0], 24, Reserved::Documentation),
    // The deprecated 6to4 relay anycast block.
    ([192, 88, 99, 0], 24, Reserved::ProtocolAssignments),
    ([192, 168, 0, 0], 16, Reserved::Private),
    ([198, 18, 0, 0], 15, Reserved::Benchmarking),
    ([198, 51, 100, 0], 24, Reserved::Documentation),
    ([203, 0, 113, 0], 24, Reserved::Documentation),
    ([224, 0, 0, 0], 4, Reserved::Multicast),
    ([240, 0, 0, 0], 4, Reserved::FutureUse),
];

/// IPv6 blocks refused outright (those that embed an IPv4 address are
/// judged by it in [`reserved`]).
const RESERVED_V6: &[(u128, u32, Reserved)] = &[
    (0x0064_ff9b_0001 << 80, 48, Reserved::Private), // local-use NAT64
    (0x0100 << 112, 64, Reserved::DiscardOnly),
    (0x2001 << 112, 23, Reserved::ProtocolAssignments), // Teredo, ORCHID, benchmarking…
    (0x2001_0db8 << 96, 32, Reserved::Documentation),
    (0x3fff << 112, 20, Reserved::Documentation),
    (0xfc00 << 112, 7, Reserved::UniqueLocal),
    (0xfe80 << 112, 10, Reserved::LinkLocal),
    (0xfec0 << 112, 10, Reserved::SiteLocal),
    (0xff00 << 112, 8, Reserved::Multicast),
];

fn in_v4(n: u32, (net, len, _): &([u8; 4], u32, Reserved)) -> bool {
    n >> (32 - len) == u32::from_be_bytes(*net) >> (32 - len)
}

fn in_v6(n: u128, (net, len, _): &(u128, u32, Reserved)) -> bool {
    n >> (128 - len) == net >> (128 - len)
}

/// Why `ip` must not be fetched from, or `None` for a public unicast address.
pub fn reserved(ip: IpAddr) -> Option<Reserved> {
    match ip {
        IpAddr::V4(v4) => reserved_v4(v4),
        IpAddr::V6(v6) => reserved_v6(v6),
    }
}

fn reserved_v4(ip: Ipv4Addr) -> Option<Reserved> {
    let n = u32::from(ip);
    RESERVED_V4.iter().find(|b| in_v4(n, b)).map(|b| b.2)
}

fn reserved_v6(ip: Ipv6Addr) -> Option<Reserved> {
    let n = u128::from(ip);
    let low32 = Ipv4Addr::from(n as u32);
    if ip.is_unspecified() {
        return Some(Reserved::Unspecified);
    }
    if ip.is_loopback() {
        return Some(Reserved::Loopback);
    }
    // ::ffff:a.b.c.d: a dual-stack socket connects to a.b.c.d over IPv4.
    if n >> 32 == 0xffff {
        return reserved_v4(low32);
    }
    if n >> 32 == 0 {
        return Some(reserved_v4(low32).unwrap_or(Reserved::Ipv4Compatible));
    }
    // 64:ff9b::/96 (NAT64) reaches the embedded IPv4 address.
    if n >> 32 == 0x0064_ff9b << 64 {
        return reserved_v4(low32);
    }
    // 2002::/16 (6to4) tunnels to the IPv4 address in bits 16..48.
    if n >> 112 == 0x2002 {
        if let Some(r) = reserved_v4(Ipv4Addr::from((n >> 80) as u32)) {
            return Some(r);
        }
    }
    if let Some(b) = RESERVED_V6.iter().find(|b| in_v6(n, b)) {
        return Some(b.2);
    }
    (n >> 125 != 1).then_some(Reserved::NotGlobalUnicast)
}

/// What went wrong fetching a page; [`FetchError::status`] maps it to the
/// answer the API gives.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("not a URL: {0}")]
    BadUrl(String),
    #[error("only http and https URLs are fetched")]
    Scheme,
    #[error("URLs with user names or passwords are not fetched")]
    Credentials,
    #[error("refusing to fetch {host}: {addr} is a {} address", .why.label())]
    Refused {
        host: String,
        addr: IpAddr,
        why: Reserved,
    },
    #[error("refusing to fetch {0}: a local name")]
    LocalName(String),
    #[error("could not resolve {0}")]
    Resolve(String),
    #[error("could not connect to {host}: {reason}")]
    Connect { host: String, reason: String },
    #[error("TLS with {host} failed: {reason}")]
    Tls { host: String, reason: String },
    #[error("HTTP exchange with {host} failed: {reason}")]
    Http { host: String, reason: String },
    #[error("more than {0} redirects")]
    TooManyRedirects(usize),
    #[error("a redirect without a usable Location")]
    BadRedirect,
    #[error("the page answered {0}")]
    Status(u16),
    #[error("the page is larger than {0} bytes")]
    TooLarge(usize),
    #[error("not an HTML or text page ({0})")]
    NotAPage(String),
    #[error("fetching took longer than {0} s")]
    Timeout(u64),
}

impl FetchError {
    /// 400 for a URL that is not one, 403 for a refused destination, 422
    /// for a response that is not a page, 504 for time, else 502 (the
    /// page's server failed us).
    pub fn status(&self) -> StatusCode {
        match self {
            FetchError::BadUrl(_) | FetchError::Scheme | FetchError::Credentials => {
                StatusCode::BAD_REQUEST
            }
            FetchError::Refused { .. } | FetchError::LocalName(_) => StatusCode::FORBIDDEN,
            FetchError::NotAPage(_) => StatusCode::UNPROCESSABLE_ENTITY,
            FetchError::Timeout(_) => StatusCode::GATEWAY_TIMEOUT,
            _ => StatusCode::BAD_GATEWAY,
        }
    }
}

/// A fetched page: the URL it was finally read from, and its decoded body.
#[derive(Debug, Clone)]
pub struct Fetched {
    pub url: String,
    pub body: PageBody,
}

/// Fetches pages under the limits above.
#[derive(Clone)]
pub struct Fetcher {
    pub max_bytes: usize,
    pub timeout: Duration,
    pub max_redirects: usize,
    tls: Arc<rustls::ClientConfig>,
    /// Tests serve pages from 127.0.0.1; nothing else can set this.
    #[cfg(test)]
    allow_loopback_for_tests: bool,
}

impl std::fmt::Debug for Fetcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fetcher")
            .field("max_bytes", &self.max_bytes)
            .field("timeout", &self.timeout)
            .field("max_redirects", &self.max_redirects)
            .finish_non_exhaustive()
    }
}

impl Fetcher {
    /// 5 MB, 10 s in all, 5 redirects.
    pub fn new() -> Result<Fetcher, rustls::Error> {
        let roots = rustls::RootCertStore {
            roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
        };
        let tls = rustls::ClientConfig::builder_with_provider(Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()?
        .with_root_certificates(roots)
        .with_no_client_auth();
        Ok(Fetcher {
            max_bytes: 5 << 20,
            timeout: Duration::from_secs(10),
            max_redirects: 5,
            tls: Arc::new(tls),
            #[cfg(test)]
            allow_loopback_for_tests: false,
        })
    }

    /// Fetches `url`, following redirects, within the time limit.
    pub async fn fetch(&self, url: &str) -> Result<Fetched, FetchError> {
        match tokio::time::timeout(self.timeout, self.follow(url)).await {
            Ok(r) => r,
            Err(_) => Err(FetchError::Timeout(self.timeout.as_secs().max(1))),
        }
    }

    async fn follow(&self, url: &str) -> Result<Fetched, FetchError> {
        let mut target = Target::parse(url)?;
        for _ in 0..=self.max_redirects {
            let addrs = self.resolve(&target).await?;
            match self.get(&target, &addrs).await? {
                Answer::Page(body) => {
                    return Ok(Fetched {
                        url: target.uri.to_string(),
                        body,
                    })
                }
                Answer::Redirect(location) => target = target.join(&location)?,
            }
        }
        Err(FetchError::TooManyRedirects(self.max_redirects))
    }

    /// Why `ip` is refused, if it is.
    fn refused(&self, ip: IpAddr) -> Option<Reserved> {
        let why = reserved(ip);
        #[cfg(test)]
        if self.allow_loopback_for_tests && ip == IpAddr::V4(Ipv4Addr::LOCALHOST) {
            return None;
        }
        why
    }

    /// The target's addresses, every one of them checked: a name that
    /// resolves to any refused address is refused (it may be rebinding).
    async fn resolve(&self, t: &Target) -> Result<Vec<SocketAddr>, FetchError> {
        let addrs: Vec<SocketAddr> = match t.ip {
            Some(ip) => vec![SocketAddr::new(ip, t.port)],
            None => {
                let host = t.host.to_ascii_lowercase();
                // RFC 6761 and 6762: these names are local whatever a resolver says.
                if host == "localhost" || host.ends_with(".localhost") || host.ends_with(".local") {
                    return Err(FetchError::LocalName(t.host.clone()));
                }
                tokio::net::lookup_host((t.host.as_str(), t.port))
                    .await
                    .map_err(|_| FetchError::Resolve(t.host.clone()))?
                    .collect()
            }
        };
        if addrs.is_empty() {
            return Err(FetchError::Resolve(t.host.clone()));
        }
        for a in &addrs {
            if let Some(why) = self.refused(a.ip()) {
                return Err(FetchError::Refused {
                    host: t.host.clone(),
                    addr: a.ip(),
                    why,
                });
            }
        }
        Ok(addrs)
    }

    /// One GET over a fresh connection to one of the checked addresses.
    async fn get(&self, t: &Target, addrs: &[SocketAddr]) -> Result<Answer, FetchError> {
        let tcp = connect(&t.host, addrs).await?;
        if t.tls {
            let name = rustls::pki_types::ServerName::try_from(t.host.clone()).map_err(|e| {
                FetchError::Tls {
                    host: t.host.clone(),
                    reason: e.to_string(),
                }
            })?;
            let tls = tokio_rustls::TlsConnector::from(Arc::clone(&self.tls))
                .connect(name, tcp)
                .await
                .map_err(|e| FetchError::Tls {
                    host: t.host.clone(),
                    reason: e.to_string(),
                })?;
            self.exchange(t, tls).await
        } else {
            self.exchange(t, tcp).await
        }
    }

    async fn exchange<S>(&self, t: &Target, io: S) -> Result<Answer, FetchError>
    where
        S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
    {
        let http_err = |e: hyper::Error| FetchError::Http {
            host: t.host.clone(),
            reason: e.to_string(),
        };
        let (mut sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(io))
            .await
            .map_err(http_err)?;
        // The connection task ends with the exchange; its own deadline
        // releases the socket even if a stalled peer keeps it from noticing.
        tokio::spawn(tokio::time::timeout(self.timeout, conn));
        let req = Request::builder()
            .method(Method::GET)
            .uri(t.uri.path_and_query().map_or("/", |p| p.as_str()))
            .header(header::HOST, t.authority.as_str())
            .header(
                header::USER_AGENT,
                concat!("reprint/", env!("CARGO_PKG_VERSION")),
            )
            .header(
                header::ACCEPT,
                "text/html, application/xhtml+xml, text/plain;q=0.9",
            )
            .header(header::ACCEPT_ENCODING, "identity")
            .body(Empty::<Bytes>::new())
            .map_err(|e| FetchError::BadUrl(e.to_string()))?;
        let mut resp = sender.send_request(req).await.map_err(http_err)?;
        let status = resp.status();
        if status.is_redirection() {
            return match resp.headers().get(header::LOCATION) {
                Some(l) => Ok(Answer::Redirect(
                    l.to_str().map_err(|_| FetchError::BadRedirect)?.to_string(),
                )),
                None => Err(FetchError::BadRedirect),
            };
        }
        if !status.is_success() {
            return Err(FetchError::Status(status.as_u16()));
        }
        let ctype = resp.headers().get(header::CONTENT_TYPE).cloned();
        let kind = PageKind::of(ctype.as_ref())?;
        let declared = resp
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
        if declared.is_some_and(|n| n > self.max_bytes as u64) {
            return Err(FetchError::TooLarge(self.max_bytes));
        }
        let mut bytes = Vec::new();
        while let Some(frame) = resp.body_mut().frame().await {
            let frame = frame.map_err(http_err)?;
            if let Some(data) = frame.data_ref() {
                if bytes.len() + data.len() > self.max_bytes {
                    return Err(FetchError::TooLarge(self.max_bytes));
                }
                bytes.extend_from_slice(data);
            }
        }
        let url = t.uri.to_string();
        Ok(Answer::Page(match kind {
            PageKind::Html(charset) => {
                PageBody::Html(decode_html(&bytes, charset.as_deref(), Some(&url)).text)
            }
            PageKind::Text => PageBody::Text(decode_text(&bytes).text),
        }))
    }
}

enum Answer {
    Page(PageBody),
    Redirect(String),
}

/// Connects to the first checked address that answers (each within 5 s).
async fn connect(host: &str, addrs: &[SocketAddr]) -> Result<TcpStream, FetchError> {
    let mut last = String::from("no address");
    for a in addrs {
        match tokio::time::timeout(Duration::from_secs(5), TcpStream::connect(a)).await {
            Ok(Ok(s)) => return Ok(s),
            Ok(Err(e)) => last = e.to_string(),
            Err(_) => last = "timed out".into(),
        }
    }
    Err(FetchError::Connect {
        host: host.to_string(),
        reason: last,
    })
}

/// What the response body is, from its Content-Type.
enum PageKind {
    /// HTML, with the header's charset if it names one.
    Html(Option<String>),
    Text,
}

impl PageKind {
    fn of(ctype: Option<&HeaderValue>) -> Result<PageKind, FetchError> {
        let Some(v) = ctype else {
            // No type: HTML is the web's default, and decoding sniffs.
            return Ok(PageKind::Html(None));
        };
        let v = v.to_str().unwrap_or("").to_ascii_lowercase();
        let mut parts = v.split(';').map(str::trim);
        let media = parts.next().unwrap_or("");
        let charset = parts
            .filter_map(|p| p.strip_prefix("charset="))
            .map(|c| c.trim_matches('"').to_string())
            .next();
        match media {
            "text/html" | "application/xhtml+xml" => Ok(PageKind::Html(charset)),
            "text/plain" | "text/markdown" => Ok(PageKind::Text),
            other => Err(FetchError::NotAPage(other.chars().take(60).collect())),
        }
    }
}

/// A URL to fetch, taken apart.
#[derive(Debug, Clone)]
struct Target {
    uri: Uri,
    tls: bool,
    /// The host as written (no brackets around IPv6).
    host: String,
    /// Set when the host is an IP literal (then no resolver is asked).
    ip: Option<IpAddr>,
    port: u16,
    authority: Authority,
}

impl Target {
    fn parse(url: &str) -> Result<Target, FetchError> {
        let bad = || FetchError::BadUrl(url.chars().take(200).collect());
        // Other schemes first: `file:///x` is not even a valid http URI.
        if let Some((scheme, _)) = url.trim().split_once(':') {
            let scheme = scheme.to_ascii_lowercase();
            let is_scheme = scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
            if is_scheme && scheme != "http" && scheme != "https" {
                return Err(FetchError::Scheme);
            }
        }
        let uri: Uri = url.trim().parse().map_err(|_| bad())?;
        let tls = match uri.scheme() {
            Some(s) if *s == Scheme::HTTPS => true,
            Some(s) if *s == Scheme::HTTP => false,
            Some(_) => return Err(FetchError::Scheme),
            None => return Err(bad()),
        };
        let authority = uri.authority().ok_or_else(bad)?.clone();
        if authority.as_str().contains('@') {
            return Err(FetchError::Credentials);
        }
        let host = authority.host();
        let host = host
            .strip_prefix('[')
            .and_then(|h| h.strip_suffix(']'))
            .unwrap_or(host)
            .to_string();
        if host.is_empty() {
            return Err(bad());
        }
        let port = authority.port_u16().unwrap_or(if tls { 443 } else { 80 });
        Ok(Target {
            ip: host.parse().ok(),
            uri,
            tls,
            host,
            port,
            authority,
        })
    }

    /// The target of a redirect: an absolute URL, or one relative to this.
    fn join(&self, location: &str) -> Result<Target, FetchError> {
        let location = location.trim();
        if location.contains("://") {
            return Target::parse(location);
        }
        let scheme = if self.tls { "https" } else { "http" };
        if let Some(rest) = location.strip_prefix("//") {
            return Target::parse(&format!("{scheme}://{rest}"));
        }
        let base = format!("{scheme}://{}", self.authority);
        if location.starts_with('/') {
            return Target::parse(&format!("{base}{location}"));
        }
        if location.is_empty() {
            return Err(FetchError::BadRedirect);
        }
        // A relative path replaces the last segment of the current one.
        let path = self.uri.path();
        let dir = &path[..path.rfind('/').map_or(0, |i| i + 1)];
        let dir = if dir.is_empty() { "/" } else { dir };
        if let Some(query) = location.strip_prefix('?') {
            return Target::parse(&format!("{base}{path}?{query}"));
        }
        Target::parse(&format!("{base}{dir}{location}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v4(s: &str) -> IpAddr {
        IpAddr::V4(s.parse().unwrap())
    }

    fn v6(s: &str) -> IpAddr {
        IpAddr::V6(s.parse().unwrap())
    }

    /// The IPv6 forms that embed an IPv4 address and reach it.
    fn embedding(a: Ipv4Addr) -> [Ipv6Addr; 3] {
        let n = u32::from(a) as u128;
        [
            a.to_ipv6_mapped(),
            Ipv6Addr::from((0x0064_ff9b_u128 << 96) | n),
            Ipv6Addr::from((0x2002_u128 << 112) | (n << 80) | 1),
        ]
    }

    #[test]
    fn every_special_block_is_refused_at_its_edges_and_neighbours_are_not() {
        use Reserved::*;
        let refused = [
            ("0.0.0.0", Unspecified),
            ("0.255.255.255", ThisNetwork),
            ("10.0.0.0", Private),
            ("10.255.255.255", Private),
            ("100.64.0.0", SharedAddressSpace),
            ("100.127.255.255", SharedAddressSpace),
            ("127.0.0.1", Loopback),
            ("127.255.255.254", Loopback),
            ("169.254.169.254", LinkLocal),
            ("169.254.0.0", LinkLocal),
            ("172.16.0.0", Private),
            ("172.31.255.255", Private),
            ("192.0.0.8", ProtocolAssignments),
            ("192.0.2.1", Documentation),
            ("192.88.99.1", ProtocolAssignments),
            ("192.168.0.1", Private),
            ("192.168.255.255", Private),
            ("198.18.0.1", Benchmarking),
            ("198.19.255.255", Benchmarking),
            ("198.51.100.7", Documentation),
            ("203.0.113.9", Documentation),
            ("224.0.0.1", Multicast),
            ("239.255.255.250", Multicast),
            ("240.0.0.1", FutureUse),
            ("255.255.255.254", FutureUse),
            ("255.255.255.255", Broadcast),
        ];
        for (a, want) in refused {
            assert_eq!(reserved(v4(a)), Some(want), "{a}");
        }
        let public = [
            "1.0.0.1",
            "8.8.8.8",
            "9.255.255.255",
            "11.0.0.0",
            "100.63.255.255",
            "100.128.0.0",
            "126.255.255.255",
            "128.0.0.0",
            "169.253.255.255",
            "169.255.0.0",
            "172.15.255.255",
            "172.32.0.0",
            "192.0.1.0",
            "192.0.3.0",
            "192.88.98.255",
            "192.167.255.255",
            "192.169.0.0",
            "198.17.255.255",
            "198.20.0.0",
            "198.51.99.255",
            "203.0.112.255",
            "223.255.255.255",
        ];
        for a in public {
            assert_eq!(reserved(v4(a)), None, "{a}");
        }
        let refused6 = [
            ("::", Unspecified),
            ("::1", Loopback),
            ("::ffff:127.0.0.1", Loopback),
            ("::ffff:10.0.0.1", Private),
            ("::ffff:169.254.169.254", LinkLocal),
            ("::127.0.0.1", Loopback),
            ("::10.0.0.1", Private),
            ("::8.8.8.8", Ipv4Compatible),
            ("64:ff9b::7f00:1", Loopback),
            ("64:ff9b::a9fe:a9fe", LinkLocal),
            ("64:ff9b:1::1", Private),
            ("2002:7f00:1::1", Loopback),
            ("2002:c0a8:101::1", Private),
            ("100::1", DiscardOnly),
            ("2001::1", ProtocolAssignments),
            ("2001:1ff:ffff::1", ProtocolAssignments),
            ("2001:db8::1", Documentation),
            ("3fff::1", Documentation),
            ("fc00::1", UniqueLocal),
            ("fdff:ffff::1", UniqueLocal),
            ("fe80::1", LinkLocal),
            ("febf:ffff::1", LinkLocal),
            ("fec0::1", SiteLocal),
            ("ff02::1", Multicast),
            ("ff0e::1", Multicast),
            ("::ffff:0:7f00:1", NotGlobalUnicast),
            ("1000::1", NotGlobalUnicast),
            ("4000::1", NotGlobalUnicast),
            ("5f00::1", NotGlobalUnicast),
        ];
        for (a, want) in refused6 {
            assert_eq!(reserved(v6(a)), Some(want), "{a}");
        }
        for a in [
            "2606:4700:4700::1111",
            "2a00:1450:4001::200e",
            "2001:200::1",
            "2001:db7:ffff::1",
            "2001:db9::1",
            "2002:808:808::1",
            "64:ff9b::808:808",
            "::ffff:8.8.8.8",
            "3fff:1000::1",
        ] {
            assert_eq!(reserved(v6(a)), None, "{a}");
        }
    }

    /// Across the whole IPv4 space (three hosts in every /16): whatever
    /// std calls special is refused, and the IPv6 forms embedding an address
    /// are judged exactly like it; the IPv4-compatible form never passes.
    #[test]
    fn ipv4_space_agrees_with_std_and_with_its_ipv6_forms() {
        let mut public = 0;
        for high in 0..=u16::MAX {
            for low in [0u16, 1, 0xffff] {
                let a = Ipv4Addr::from((u32::from(high) << 16) | u32::from(low));
                let r = reserved(IpAddr::V4(a));
                let std_special = a.is_private()
                    || a.is_loopback()
                    || a.is_link_local()
                    || a.is_multicast()
                    || a.is_broadcast()
                    || a.is_documentation()
                    || a.is_unspecified();
                assert!(!std_special || r.is_some(), "{a} is special but passed");
                for e in embedding(a) {
                    assert_eq!(reserved(IpAddr::V6(e)), r, "{e} (embeds {a})");
                }
                assert!(reserved(IpAddr::V6(a.to_ipv6_compatible())).is_some());
                public += usize::from(r.is_none());
            }
        }
        // Most of the space is public: the table is not refusing too much.
        assert!(public > 3 * 65536 * 8 / 10, "{public}");
    }

    fn fetcher() -> Fetcher {
        let mut f = Fetcher::new().unwrap();
        f.timeout = Duration::from_secs(5);
        f
    }

    fn refused_before_connecting(url: &str) -> FetchError {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(fetcher().fetch(url)).unwrap_err()
    }

    #[test]
    fn local_and_private_destinations_are_refused() {
        for url in [
            "http://127.0.0.1/",
            "http://127.0.0.1:8080/admin",
            "http://[::1]/",
            "https://[::ffff:127.0.0.1]/",
            "http://10.0.0.1/",
            "http://169.254.169.254/latest/meta-data/",
            "http://[fe80::1]/",
            "http://0.0.0.0/",
        ] {
            let e = refused_before_connecting(url);
            assert!(matches!(e, FetchError::Refused { .. }), "{url}: {e}");
            assert_eq!(e.status(), StatusCode::FORBIDDEN);
        }
        for url in [
            "http://localhost/",
            "http://LOCALHOST:8080/",
            "http://x.localhost/",
        ] {
            let e = refused_before_connecting(url);
            assert!(matches!(e, FetchError::LocalName(_)), "{url}: {e}");
        }
        for (url, status) in [
            ("file:///etc/passwd", StatusCode::BAD_REQUEST),
            ("ftp://example.org/", StatusCode::BAD_REQUEST),
            ("gopher://127.0.0.1/", StatusCode::BAD_REQUEST),
            ("http://user:pw@example.org/", StatusCode::BAD_REQUEST),
            ("not a url", StatusCode::BAD_REQUEST),
            ("/relative", StatusCode::BAD_REQUEST),
        ] {
            assert_eq!(refused_before_connecting(url).status(), status, "{url}");
        }
    }

    #[test]
    fn redirect_targets_resolve_against_the_current_url() {
        let t = Target::parse("https://news.example/a/b/page.html?x=1").unwrap();
        let j = |l: &str| t.join(l).unwrap().uri.to_string();
        assert_eq!(j("/top"), "https://news.example/top");
        assert_eq!(j("next.html"), "https://news.example/a/b/next.html");
        assert_eq!(j("?y=2"), "https://news.example/a/b/page.html?y=2");
        assert_eq!(j("//cdn.example/x"), "https://cdn.example/x");
        assert_eq!(j("http://other.example/"), "http://other.example/");
        assert!(t.join("").is_err());
        assert!(matches!(
            t.join("file:///etc/passwd"),
            Err(FetchError::Scheme)
        ));
        let six = Target::parse("http://[2001:db8::1]:8080/x").unwrap();
        assert_eq!(six.host, "2001:db8::1");
        assert_eq!(six.port, 8080);
        assert!(six.ip.is_some());
    }

    /// A one-connection-per-answer HTTP server on 127.0.0.1 that replies
    /// with the canned response for each path (`{port}` is replaced).
    async fn serve(routes: Vec<(&'static str, String)>) -> SocketAddr {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move {
            while let Ok((mut s, _)) = listener.accept().await {
                let routes = routes.clone();
                tokio::spawn(async move {
                    let mut buf = vec![0u8; 4096];
                    let n = s.read(&mut buf).await.unwrap_or(0);
                    let head = String::from_utf8_lossy(&buf[..n]).to_string();
                    let path = head.split(' ').nth(1).unwrap_or("/").to_string();
                    let answer = routes
                        .iter()
                        .find(|(p, _)| *p == path)
                        .map(|(_, r)| r.replace("{port}", &addr.port().to_string()))
                        .unwrap_or_else(|| {
                            "HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n".into()
                        });
                    if answer == "SLOW" {
                        tokio::time::sleep(Duration::from_secs(30)).await;
                    }
                    let _ = s.write_all(answer.as_bytes()).await;
                    let _ = s.shutdown().await;
                });
            }
        });
        addr
    }

    fn page(ctype: &str, body: &str) -> String {
        format!(
            "HTTP/1.1 200 OK\r\ncontent-type: {ctype}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
            body.len()
        )
    }

    fn redirect(to: &str) -> String {
        format!("HTTP/1.1 302 Found\r\nlocation: {to}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n")
    }

    #[tokio::test]
    async fn follows_checked_redirects_within_limits() {
        let big = "x".repeat(3000);
        let addr = serve(vec![
            (
                "/page",
                page(
                    "text/html; charset=utf-8",
                    "<html><body><p>Hello there</p></body></html>",
                ),
            ),
            ("/text", page("text/plain", "plain words")),
            ("/hop", redirect("/page")),
            ("/abs", redirect("http://127.0.0.1:{port}/text")),
            ("/to-private", redirect("http://10.0.0.1/")),
            ("/to-metadata", redirect("http://169.254.169.254/latest/")),
            ("/to-localhost", redirect("http://localhost:{port}/page")),
            ("/to-file", redirect("file:///etc/passwd")),
            ("/loop", redirect("/loop")),
            ("/big", page("text/html", &big)),
            ("/image", page("image/png", "PNG")),
            (
                "/gone",
                "HTTP/1.1 410 Gone\r\ncontent-length: 0\r\n\r\n".into(),
            ),
            ("/slow", "SLOW".into()),
        ])
        .await;
        let mut f = fetcher();
        f.allow_loopback_for_tests = true;
        f.max_bytes = 2000;
        f.timeout = Duration::from_secs(1);
        let url = |p: &str| format!("http://{addr}{p}");

        let got = f.fetch(&url("/hop")).await.unwrap();
        assert_eq!(got.url, url("/page"));
        assert!(matches!(&got.body, PageBody::Html(h) if h.contains("Hello there")));
        let got = f.fetch(&url("/abs")).await.unwrap();
        assert!(matches!(&got.body, PageBody::Text(t) if t == "plain words"));

        let refused = |e: FetchError| e.status() == StatusCode::FORBIDDEN;
        assert!(refused(f.fetch(&url("/to-private")).await.unwrap_err()));
        assert!(refused(f.fetch(&url("/to-metadata")).await.unwrap_err()));
        assert!(refused(f.fetch(&url("/to-localhost")).await.unwrap_err()));
        assert!(matches!(
            f.fetch(&url("/to-file")).await,
            Err(FetchError::Scheme)
        ));
        assert!(matches!(
            f.fetch(&url("/loop")).await,
            Err(FetchError::TooManyRedirects(5))
        ));
        assert!(matches!(
            f.fetch(&url("/big")).await,
            Err(FetchError::TooLarge(2000))
        ));
        assert!(matches!(
            f.fetch(&url("/image")).await,
            Err(FetchError::NotAPage(_))
        ));
        assert!(matches!(
            f.fetch(&url("/gone")).await,
            Err(FetchError::Status(410))
        ));
        let started = std::time::Instant::now();
        let slow = f.fetch(&url("/slow")).await.unwrap_err();
        assert_eq!(slow.status(), StatusCode::GATEWAY_TIMEOUT);
        assert!(started.elapsed() < Duration::from_secs(3));
        // The loopback allowance is for 127.0.0.1 alone.
        assert!(refused(f.fetch("http://127.0.0.2/").await.unwrap_err()));
    }
}
