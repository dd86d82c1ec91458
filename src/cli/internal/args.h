// cli/internal/args: the parsed command line and the helpers every command shares (error
// reporting, the viewer, opening the service). Commands live in cli.cpp and in one file per
// larger command (witness_cmd.cpp, guideline_cmd.cpp).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "cli/cli.h"
#include "core/error.h"
#include "service/access.h"
#include "service/context.h"

namespace berkas::cli {

struct Args {
  std::string data_dir;
  bool json = false;
  bool demo = false;
  bool reveal = false;
  bool help = false;
  int limit = 20;
  bool limit_given = false;
  int offset = 0;
  std::string as_of;
  std::string law = "uu-21-2007";
  std::string listen = "127.0.0.1:8080";
  std::string case_id;        // bundle, bundles, witness-file: --case
  std::string person_id;      // witness-file: --person
  std::string template_name;  // bundle, witness-file: --template
  std::string out;            // bundle, witness-file, guideline: --out
  std::string html_out;       // guideline: --html
  std::string stamp_prefix;   // bundle: --stamp-prefix
  std::string attachment;     // original: --attachment N
  std::string kind;           // ingest --case: --kind
  std::string item_id;        // ingest --case: --id
  std::string title;          // ingest --case: --title
  std::string date;           // ingest --case: --date
  std::string correction;     // ingest --case: --correction
  bool answers = false;       // guideline: --answers (the answer key as its own document)
  std::string provision;      // sentencing: --provision
  std::string from_year, to_year;  // sentencing: --from, --to
  std::string court, country, outcome;  // sentencing: --court, --country, --outcome
  bool csv = false;           // sentencing, identifiers, identifier: --csv
  std::string command;
  std::vector<std::string> rest;
};

int exit_code_of(const core::Error& e);
int report_error(const core::Error& e, bool json);
int usage_error(const std::string& msg);
service::Viewer viewer_of(const Args& a);
core::Result<std::unique_ptr<service::Context>> open_service(const Args& a, bool create = false);

// Commands in their own files.
int cmd_witness_file(const Args& a);  // witness_cmd.cpp
int cmd_guideline(const Args& a);     // guideline_cmd.cpp
int cmd_original(const Args& a);      // original_cmd.cpp
int cmd_sentencing(const Args& a);    // sentencing_cmd.cpp
int cmd_similar(const Args& a);       // sentencing_cmd.cpp
int cmd_identifiers(const Args& a);   // investigation_cmd.cpp
int cmd_identifier(const Args& a);    // investigation_cmd.cpp
int cmd_timeline(const Args& a);      // investigation_cmd.cpp

}  // namespace berkas::cli
