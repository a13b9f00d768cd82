//! What the server serves: the indexed published collections with their response bodies
//! precomputed (full snapshots at load time, deltas once per base revision in the
//! [`DeltaCache`]).

use crate::data_dir::DataDir;
use crate::publishing::publish::records_of;
use crate::publishing::published;
use crate::publishing::repository::{Repository, RepositoryError};
use crate::sync_api::body_files::{self, BodyFiles};
use crate::sync_api::delta_cache::{DeltaBody, DeltaBuildError, DeltaCache, DeltaKey};
use crate::sync_api::encoded::{Effort, Encoded};
use crate::sync_api::respond::Headers;
use serde_json::Value;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, RwLock};
use veiviser_core::sync::protocol::{Changeset, Collection, CollectionHead, Latest};

/// Serving settings.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    /// A client more than this many sequences behind gets a full snapshot instead of a delta.
    pub max_delta_span: u64,
    /// Bytes of delta bodies kept (all collections together, least recently used evicted).
    pub delta_cache_bytes: usize,
}

impl Default for ServeConfig {
    fn default() -> Self {
        ServeConfig {
            max_delta_span: 1000,
            delta_cache_bytes: 64 << 20,
        }
    }
}

/// One published collection as served.
#[derive(Debug)]
pub struct CollectionView {
    /// The head as `/v1/latest` reports it.
    pub head: CollectionHead,
    /// The ETag of every changeset response for this head.
    pub etag: String,
    /// The response headers carrying that ETag, built once.
    pub headers: Headers,
    /// The full state.
    pub changeset: Changeset,
    /// The records by id.
    pub records: BTreeMap<String, Value>,
    /// The full-snapshot body (the revision file's bytes), precompressed.
    pub full: Arc<Encoded>,
    /// The sequences a delta can start from, ascending: every revision of the collection
    /// within `max_delta_span` of the head, and the newest one before that window (so a
    /// request needs no database lookup to find its base, see [`ServedContent::plan`]).
    pub bases: Vec<u64>,
}

/// Everything the server serves at one global sequence.
#[derive(Debug)]
pub struct View {
    /// The global sequence.
    pub sequence: u64,
    /// The published collections.
    pub collections: BTreeMap<Collection, Arc<CollectionView>>,
    /// The `/v1/latest` body, precompressed.
    pub latest: Arc<Encoded>,
    /// Its ETag.
    pub latest_etag: String,
    /// The `/v1/latest` response headers, built once.
    pub latest_headers: Headers,
}

/// What a changeset request resolves to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plan {
    /// Send the full snapshot.
    Full,
    /// Send the delta from the client's state, which is the revision with this sequence.
    Delta {
        /// The client's `since`.
        since: u64,
        /// The revision the client's state equals (the newest one ≤ `since`).
        base: u64,
    },
}

/// The published content as served: the repository and the current [`View`].
pub struct ServedContent {
    repo: Repository,
    view: RwLock<Arc<View>>,
    config: ServeConfig,
    refreshing: Mutex<()>,
    deltas: DeltaCache,
    files: Arc<BodyFiles>,
}

fn short_hash(bytes: &[u8]) -> String {
    published::sha256_hex(bytes)[..12].to_string()
}

impl ServedContent {
    /// Opens the data folder's repository (rebuilding its index if needed) and builds the view.
    pub fn open(data: DataDir, config: ServeConfig) -> Result<Self, RepositoryError> {
        Self::new(Repository::open(data)?, config)
    }

    /// Serves `repo`.
    pub fn new(repo: Repository, config: ServeConfig) -> Result<Self, RepositoryError> {
        let served = ServedContent {
            repo,
            view: RwLock::new(Arc::new(empty_view())),
            deltas: DeltaCache::new(config.delta_cache_bytes),
            config,
            refreshing: Mutex::new(()),
            files: BodyFiles::new(body_files::DEFAULT_SIZES),
        };
        let view = served.build_view()?;
        served.swap(view);
        Ok(served)
    }

    /// The repository served.
    pub fn repository(&self) -> &Repository {
        &self.repo
    }

    /// Indexes batches published since the last look and rebuilds the view; `true` if anything changed.
    pub fn refresh(&self) -> Result<bool, RepositoryError> {
        let _one_at_a_time = self.refreshing.lock().expect("refresh lock");
        let changed = self.repo.catch_up()?;
        if changed {
            let view = self.build_view()?;
            self.swap(view);
        }
        Ok(changed)
    }

    /// Makes `view` the one served and mirrors its mid-sized bodies for `sendfile`.
    fn swap(&self, view: View) {
        let view = Arc::new(view);
        *self.view.write().expect("view lock") = view.clone();
        self.files.set(view.collections.values().flat_map(|c| {
            let full = &c.full;
            [full.identity.clone(), full.gzip.clone(), full.zstd.clone()]
        }));
    }

    /// The mid-sized bodies of the view served, mirrored in files for the connection layer.
    pub fn body_files(&self) -> Arc<BodyFiles> {
        self.files.clone()
    }

    fn build_view(&self) -> Result<View, RepositoryError> {
        let sequence = self.repo.head()?;
        let previous = self.view();
        let mut collections = BTreeMap::new();
        for c in Collection::ALL {
            let Some(seq) = self.repo.revision_at_or_before(c, sequence)? else {
                continue;
            };
            // An unchanged collection keeps its compressed bodies and delta cache.
            if let Some(old) = previous
                .collections
                .get(&c)
                .filter(|v| v.head.sequence == seq)
            {
                collections.insert(c, old.clone());
                continue;
            }
            let (bytes, changeset) = self.repo.revision(seq)?;
            let head = CollectionHead {
                sequence: changeset.sequence,
                published_at: changeset.published_at,
                schema_version: changeset.schema_version,
            };
            let etag = format!(
                "\"{}-{}-{}\"",
                c.as_str(),
                seq,
                short_hash(changeset.signature.sig.as_bytes())
            );
            let records = records_of(&changeset);
            let bases = self.bases(c, seq)?;
            collections.insert(
                c,
                Arc::new(CollectionView {
                    head,
                    headers: Headers::new(&etag),
                    etag,
                    records,
                    changeset,
                    full: Arc::new(Encoded::new(bytes, Effort::Best)),
                    bases,
                }),
            );
        }
        let latest = Latest {
            sequence,
            collections: collections
                .iter()
                .map(|(c, v)| (*c, v.head.clone()))
                .collect(),
        };
        let body = serde_json::to_vec(&latest).expect("Latest always serializes");
        let latest_etag = format!("\"latest-{sequence}-{}\"", short_hash(&body));
        Ok(View {
            sequence,
            collections,
            latest: Arc::new(Encoded::new(body, Effort::Fast)),
            latest_headers: Headers::new(&latest_etag),
            latest_etag,
        })
    }

    /// The current view (cheap: an `Arc` clone).
    pub fn view(&self) -> Arc<View> {
        self.view.read().expect("view lock").clone()
    }

    /// The revisions of `collection` a client within `max_delta_span` of `head` can hold
    /// (see [`CollectionView::bases`]), ascending.
    fn bases(&self, collection: Collection, head: u64) -> Result<Vec<u64>, RepositoryError> {
        let window = head.saturating_sub(self.config.max_delta_span);
        let mut bases = Vec::new();
        let mut at = head;
        while let Some(base) = self.repo.revision_at_or_before(collection, at)? {
            bases.push(base);
            if base <= window || base == 0 {
                break;
            }
            at = base - 1;
        }
        bases.reverse();
        Ok(bases)
    }

    /// Decides between a full snapshot and a delta for a client at `since`: a delta from the
    /// newest revision at or before `since`, when `since` is within `max_delta_span` of the
    /// head and not ahead of it.
    pub fn plan(&self, collection: &CollectionView, since: Option<u64>) -> Plan {
        let head = collection.head.sequence;
        let Some(since) = since.filter(|s| *s > 0) else {
            return Plan::Full;
        };
        // A client ahead of the server gets the full state; its anti-rollback check decides.
        if since > head || head - since > self.config.max_delta_span {
            return Plan::Full;
        }
        let newer = collection.bases.partition_point(|b| *b <= since);
        match newer.checked_sub(1).map(|i| collection.bases[i]) {
            Some(base) => Plan::Delta { since, base },
            None => Plan::Full,
        }
    }

    /// The delta cache.
    pub fn delta_cache(&self) -> &DeltaCache {
        &self.deltas
    }

    /// The delta body from the revision `base` to the collection's head (built once per
    /// base and head, see [`DeltaCache`]); [`DeltaBody::body`] adds the client's `since`.
    pub async fn delta(
        self: &Arc<Self>,
        collection: &Arc<CollectionView>,
        base: u64,
    ) -> Result<Arc<DeltaBody>, DeltaBuildError<RepositoryError>> {
        let key = DeltaKey {
            collection: collection.changeset.collection,
            base,
            target: collection.head.sequence,
        };
        let content = self.clone();
        let collection = collection.clone();
        self.deltas
            .get_or_build(key, move || content.build_delta(&collection, base))
            .await
    }

    fn build_delta(
        &self,
        collection: &CollectionView,
        base: u64,
    ) -> Result<DeltaBody, RepositoryError> {
        let old = if base == collection.head.sequence {
            None
        } else {
            Some(records_of(&self.repo.revision(base)?.1))
        };
        let (records, tombstones) = match &old {
            None => (Vec::new(), Vec::new()),
            Some(old) => crate::publishing::publish::delta_between(old, &collection.records),
        };
        let head = &collection.changeset;
        let cs = Changeset {
            collection: head.collection,
            schema_version: head.schema_version,
            sequence: head.sequence,
            published_at: head.published_at,
            since: None,
            full: false,
            records,
            tombstones,
            signature: head.signature.clone(),
        };
        // Serialized without `since`, which each response puts in front.
        let mut value = serde_json::to_value(&cs).expect("a changeset always serializes");
        if let Value::Object(map) = &mut value {
            map.remove("since");
        }
        Ok(DeltaBody::new(
            &serde_json::to_vec(&value).expect("a changeset always serializes"),
        ))
    }
}

fn empty_view() -> View {
    let latest = Latest {
        sequence: 0,
        collections: BTreeMap::new(),
    };
    let body = serde_json::to_vec(&latest).expect("Latest always serializes");
    let latest_etag = format!("\"latest-0-{}\"", short_hash(&body));
    View {
        sequence: 0,
        collections: BTreeMap::new(),
        latest_headers: Headers::new(&latest_etag),
        latest_etag,
        latest: Arc::new(Encoded::new(body, Effort::Fast)),
    }
}
