// search: the Xapian full-text index — derived from the store, rebuilt by `reindex`.
// The index never holds a protected name: the service gives it text already redacted.
//
// Thread safety: an Index is used by one thread at a time; open one per thread (readers may
// run beside the single writer: Xapian gives them the last committed revision).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/model.h"

namespace berkas::search {

// One searchable document, built by the service from a store object.
struct Doc {
  std::string id;            // unique: "pasal:uu-21-2007/pasal-2/ayat-1", "item:bap-x", "putusan:133-..."
  std::string kind;          // "pasal", "putusan", "perkara", or an evidence code: "bap", "ahli",
                             // "surat", "terdakwa", "elektronik"
  std::string object_id;     // the store id (provision id, item id, precedent id, case id)
  std::string title;         // shown as the hit's heading
  std::string label;         // provisions: "Pasal 2 ayat (1) UU 21/2007"; items: "v2"
  std::string body;          // the (redacted) text indexed and used for snippets
  std::string extra;         // indexed but not shown (e.g. a Pasal's Penjelasan)
  std::string case_id;       // empty for law and precedents (visible to everyone)
  std::vector<std::string> person_ids;
  std::vector<std::string> provisions;  // provision ids cited/charged/applied (ayat ids imply their Pasal)
  std::string country;       // lower-case Indonesian name: "kamboja"
  std::vector<std::string> outcomes;  // precedents: the defendants' outcomes, "bersalah", "bebas" (hasil:)
  core::Date date;           // item date / decision date / provision in-force-from
  // provisions only:
  std::string law_id;        // "uu-21-2007"
  std::string pasal;         // "2"
  int ayat = 0;
  std::string collapse_key;  // results with the same key are collapsed (ayat docs → their Pasal)
  core::Date valid_from;     // period of force, for `as_of` queries ("" = open)
  core::Date valid_until;
  int ordinal = 0;           // document order within its law (for browsing)
};

struct Query {
  std::string text;          // the query language (docs/QUERY.md)
  int offset = 0;
  int limit = 20;
  core::Date as_of;          // if set: provisions not in force on this date are excluded
  // Cases the caller may see; nullopt = all. Documents with an empty case_id (law, precedents)
  // are always visible.
  std::optional<std::vector<std::string>> visible_cases;
  bool facets = true;
  bool snippets = true;
};

struct Hit {
  std::string id;
  std::string kind;
  std::string object_id;
  std::string title;
  std::string label;
  std::string snippet;       // HTML-escaped, matches wrapped in <mark>…</mark>
  std::string case_id;
  core::Date date;
  double weight = 0;
  int rank = 0;              // 1-based over the whole result set
  core::Date valid_from, valid_until;
};

struct FacetValue {
  std::string value;
  std::int64_t count = 0;
};

struct Results {
  std::int64_t total = 0;            // exact number of matching documents visible to the caller
  std::vector<Hit> hits;
  // "jenis" (kind), "perkara" (case), "pasal", "negara" (country) → values by count, descending
  std::map<std::string, std::vector<FacetValue>> facets;
  std::string suggestion;            // corrected query if a word looks misspelt, else empty
  std::string explanation;           // the parsed query, for debugging (`--explain`)
};

// The index's definition: field prefixes, stop words and the legal thesaurus, read from index/.
struct Config {
  std::string dir;  // folder holding stopwords-id.txt, stopwords-en.txt, thesaurus.txt, ...
};

// The form under which the index keys a document id (and ids() lists it): the id itself, or,
// for an id too long for a Xapian term, its first bytes and a hash of the whole (never reached
// by ids the ingest schemas accept; it keeps one overlong id from stopping the index).
std::string index_key(const std::string& doc_id);

// The root the analyser gives each word, as the index stems it (lower-cased first; a word that is
// not plain Indonesian letters is returned lower-cased). Outside a store only the dictionary
// (Debian's hunspell-id) and the curated roots of `config` validate roots; an index also counts
// the words of public documents. io error if the definition cannot be read.
core::Result<std::vector<std::string>> roots_of(const Config& config, const std::vector<std::string>& words);

// The analyser's identity as an index records it (docs/INDEX.md).
core::Result<std::string> analyser_version(const Config& config);

class Index {
 public:
  // Opens or creates the Xapian database at `path`. io error with the reason.
  static core::Result<std::unique_ptr<Index>> open(const std::string& path, const Config& config,
                                                   bool writable);
  ~Index();
  Index(const Index&) = delete;
  Index& operator=(const Index&) = delete;

  // Writes (writable only). Changes are invisible until commit(seq), which atomically records
  // `seq` as the last store sequence number indexed.
  core::Status put(const Doc& doc);               // replaces a document with the same id
  core::Status remove(const std::string& id);
  core::Status remove_prefix(const std::string& id_prefix);  // e.g. all ayat of a Pasal
  core::Status commit(std::int64_t seq);
  core::Status clear();                           // removes every document (for reindex)
  // Records, in the next commit, that document `id` could not be indexed and why (a document
  // the index refuses must not stop the store from opening: the service notes it, goes on,
  // and verify reports it). A later put of the same id does not clear the note; reindex does.
  core::Status note_unindexed(const std::string& id, const std::string& reason);
  // The notes: document id → reason.
  core::Result<std::map<std::string, std::string>> unindexed() const;

  std::int64_t last_seq() const;                  // 0 for a new index
  // False when the index holds documents whose terms another analyser made (an older rule set,
  // another dictionary, another curated root list): searches would miss, so it must be rebuilt.
  bool analyser_current() const;
  std::int64_t doc_count() const;
  // Every document id, sorted, as index_key() gives it.
  core::Result<std::vector<std::string>> ids() const;

  // Runs a query. invalid_input (with a message for people) when the query cannot be parsed.
  core::Result<Results> search(const Query& query) const;

  // Re-opens a reader at the latest committed revision.
  void refresh();

 private:
  struct Impl;
  explicit Index(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

}  // namespace berkas::search
