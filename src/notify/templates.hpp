// The words of every e-mail, in files an operator can change: a folder (the project's
// templates/mail, or serve --mail-templates) holding, per kind of mail, NAME.subject.txt,
// NAME.txt and NAME.html, plus layout.txt and layout.html around every body,
// digest_item.txt / digest_item.html for each line of a digest, and account_layout.txt /
// account_layout.html around the mails with a one-time link (invitation, password_reset), which
// nobody unsubscribes from. In a template, {{name}} is
// replaced by a value (HTML-escaped in the .html files) and {{{name}}} by a piece already
// rendered from another template (the body inside the layout, a digest's items). An unknown name
// is left out. {{> FILE}} stands for the text of FILE, another file of the folder, less its last
// line end (so a mark on a line of its own ends that line), before any value is substituted: the
// two layouts share their start that way. Loaded once at start-up; immutable after, so safe
// across threads.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include "common/result.hpp"

namespace mh::notify {

using TemplateValues = std::map<std::string, std::string, std::less<>>;

// Replaces {{name}} and {{{name}}} in `tmpl`; `html` escapes the {{name}} values.
std::string substitute(std::string_view tmpl, const TemplateValues& values, bool html);

// `text` with every {{> FILE}} replaced by the text of FILE in `folder` (itself with its includes),
// less its last line end. A FILE that is not a plain name in `folder`, or cannot be read, is an
// `invalid` error naming it.
Result<std::string> with_includes(const std::filesystem::path& folder, std::string_view text);

class MailTemplates {
 public:
  // Reads every file the mails need from `folder`; a missing or unreadable one is an `invalid`
  // error naming it, so a server never starts with a template it cannot send.
  static Result<MailTemplates> load(const std::filesystem::path& folder);

  struct Rendered {
    std::string subject;
    std::string text;
    std::string html;
  };
  // The mail `name` (a MailKind or an AccessPurpose) with `values`, inside `layout` (the name
  // of a pair of layout files).
  Rendered render(std::string_view name, const TemplateValues& values, std::string_view layout = "layout") const;
  // One template file by its name ("digest_item.html"), substituted.
  std::string piece(std::string_view file, const TemplateValues& values) const;

 private:
  std::map<std::string, std::string, std::less<>> files_;
};

}  // namespace mh::notify
