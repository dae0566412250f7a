#include "notify/templates.hpp"

#include <vector>

#include "common/file_bytes.hpp"
#include "domain/access.hpp"
#include "domain/mail.hpp"
#include "notify/mime.hpp"

namespace mh::notify {

std::string substitute(std::string_view tmpl, const TemplateValues& values, bool html) {
  std::string out;
  out.reserve(tmpl.size() + 256);
  std::size_t i = 0;
  while (i < tmpl.size()) {
    const std::size_t open = tmpl.find("{{", i);
    if (open == std::string_view::npos) break;
    const bool raw = tmpl.compare(open, 3, "{{{") == 0;
    const std::string_view close_mark = raw ? "}}}" : "}}";
    const std::size_t start = open + (raw ? 3 : 2);
    const std::size_t close = tmpl.find(close_mark, start);
    if (close == std::string_view::npos) break;
    out.append(tmpl.substr(i, open - i));
    std::string_view name = tmpl.substr(start, close - start);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    if (auto it = values.find(name); it != values.end()) out += (html && !raw) ? html_escape(it->second) : it->second;
    i = close + close_mark.size();
  }
  out.append(tmpl.substr(i));
  return out;
}

namespace {

// How deep included files may include others: enough for any layout, and a file that includes
// itself stops here instead of running forever.
constexpr int kIncludeDepth = 8;

Result<std::string> include_into(const std::filesystem::path& folder, std::string_view text, int depth) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t open = text.find("{{>", i);
    if (open == std::string_view::npos) break;
    const std::size_t close = text.find("}}", open + 3);
    if (close == std::string_view::npos) break;
    std::string_view name = text.substr(open + 3, close - open - 3);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    const std::filesystem::path file(name);
    if (name.empty() || file.filename() != file || name == "." || name == "..")
      return invalid("mail_templates",
                     "a mail template can include only a file of its own folder, not \"" + std::string(name) + "\"");
    if (depth >= kIncludeDepth)
      return invalid("mail_templates", "mail templates include each other more than " + std::to_string(kIncludeDepth) +
                                           " deep (does " + std::string(name) + " include itself?)");
    auto included = file_bytes((folder / file).string());
    if (!included) return invalid("mail_templates", "cannot read the mail template " + (folder / file).string());
    if (included->ends_with('\n')) included->pop_back();
    if (included->ends_with('\r')) included->pop_back();
    MH_TRY(expanded, include_into(folder, *included, depth + 1));
    out.append(text.substr(i, open - i));
    out += expanded;
    i = close + 2;
  }
  out.append(text.substr(i));
  return out;
}

}  // namespace

Result<std::string> with_includes(const std::filesystem::path& folder, std::string_view text) {
  return include_into(folder, text, 0);
}

Result<MailTemplates> MailTemplates::load(const std::filesystem::path& folder) {
  std::vector<std::string> names{"layout.txt",         "layout.html",         "digest_item.txt",
                                 "digest_item.html",   "account_layout.txt", "account_layout.html"};
  std::vector<std::string> kinds;
  for (MailKind k : kMailKinds) kinds.emplace_back(to_string(k));
  for (AccessPurpose p : {AccessPurpose::invitation, AccessPurpose::password_reset}) kinds.emplace_back(to_string(p));
  for (const auto& kind : kinds)
    for (const char* ext : {".subject.txt", ".txt", ".html"}) names.push_back(kind + ext);
  MailTemplates t;
  for (const auto& name : names) {
    auto text = file_bytes((folder / name).string());
    if (!text) return invalid("mail_templates", "cannot read the mail template " + (folder / name).string());
    MH_TRY(expanded, with_includes(folder, *text));
    t.files_[name] = std::move(expanded);
  }
  return t;
}

std::string MailTemplates::piece(std::string_view file, const TemplateValues& values) const {
  auto it = files_.find(file);
  if (it == files_.end()) return {};
  return substitute(it->second, values, file.ends_with(".html"));
}

MailTemplates::Rendered MailTemplates::render(std::string_view name, const TemplateValues& values,
                                              std::string_view layout) const {
  const std::string base(name);
  Rendered r;
  r.subject = piece(base + ".subject.txt", values);
  // A subject is one line: what an operator's editor added at the end goes.
  while (!r.subject.empty() && (r.subject.back() == '\n' || r.subject.back() == '\r' || r.subject.back() == ' '))
    r.subject.pop_back();
  TemplateValues outer = values;
  outer["body"] = piece(base + ".txt", values);
  r.text = piece(std::string(layout) + ".txt", outer);
  outer["body"] = piece(base + ".html", values);
  r.html = piece(std::string(layout) + ".html", outer);
  return r;
}

}  // namespace mh::notify
