// Templates: {{name}} escaped in HTML and not in text, {{{name}}} raw, unknown names left out,
// {{> FILE}} replaced by another file of the folder, and the project's own templates folder loads
// with every file the mails need.
#include "notify/templates.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

namespace mh::notify {
namespace {

TEST(Templates, ValuesAreEscapedInHtmlOnly) {
  const TemplateValues v{{"name", "Tom & <Jerry>"}};
  EXPECT_EQ(substitute("Hi {{name}}!", v, true), "Hi Tom &amp; &lt;Jerry&gt;!");
  EXPECT_EQ(substitute("Hi {{name}}!", v, false), "Hi Tom & <Jerry>!");
}

TEST(Templates, TripleBracesInsertRenderedPiecesAsTheyAre) {
  EXPECT_EQ(substitute("<ul>{{{items}}}</ul>", {{"items", "<li>a</li>"}}, true), "<ul><li>a</li></ul>");
}

TEST(Templates, UnknownNamesAreLeftOutAndSpacesAllowed) {
  EXPECT_EQ(substitute("[{{ missing }}][{{ name }}]", {{"name", "x"}}, false), "[][x]");
}

TEST(Templates, AnUnclosedMarkIsKeptAsText) { EXPECT_EQ(substitute("a {{b", {}, false), "a {{b"); }

class Includes : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("mh_mail_" + std::to_string(std::random_device{}()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void write(const std::string& name, const std::string& text) { std::ofstream(dir_ / name, std::ios::binary) << text; }

  std::filesystem::path dir_;
};

TEST_F(Includes, AMarkStandsForTheFileLessItsLastLineEndBeforeValuesAreSubstituted) {
  write("start.html", "<p>Hi {{name}},</p>\n{{{body}}}\n");
  auto t = with_includes(dir_, "{{> start.html}}\n<p>Bye</p>\n");
  ASSERT_TRUE(t) << t.error().message;
  EXPECT_EQ(*t, "<p>Hi {{name}},</p>\n{{{body}}}\n<p>Bye</p>\n");
  EXPECT_EQ(substitute(*t, {{"name", "A&B"}, {"body", "<b>x</b>"}}, true),
            "<p>Hi A&amp;B,</p>\n<b>x</b>\n<p>Bye</p>\n");
}

TEST_F(Includes, IncludedFilesMayIncludeOthersAndTextWithoutMarksIsKept) {
  write("a.txt", "a{{> b.txt }}a\r\n");
  write("b.txt", "b");
  EXPECT_EQ(*with_includes(dir_, "[{{>a.txt}}]"), "[aba]");
  EXPECT_EQ(*with_includes(dir_, "no marks {{name}} {{{body}}} {{> unclosed"),
            "no marks {{name}} {{{body}}} {{> unclosed");
}

TEST_F(Includes, AMissingFileAForeignPathOrALoopIsAnError) {
  write("loop.txt", "{{> loop.txt}}");
  auto missing = with_includes(dir_, "{{> missing.txt}}");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("missing.txt"), std::string::npos);
  for (const char* foreign : {"{{> ../layout.txt}}", "{{> /etc/passwd}}", "{{> sub/x.txt}}", "{{> ..}}", "{{> }}"})
    EXPECT_FALSE(with_includes(dir_, foreign)) << foreign;
  auto loop = with_includes(dir_, "{{> loop.txt}}");
  ASSERT_FALSE(loop);
  EXPECT_NE(loop.error().message.find("loop.txt"), std::string::npos);
}

TEST(Templates, TheShippedTemplatesLoadAndRenderEveryKind) {
  auto t = MailTemplates::load(std::string(MH_SOURCE_DIR) + "/templates/mail");
  ASSERT_TRUE(t) << t.error().message;
  const TemplateValues v{{"recipient_name", "Ada <3"}, {"message", "Bob & Co asked."}, {"organisation", "Northwind"},
                         {"unsubscribe_url", "https://x/u"}, {"count", "2"}};
  for (const char* kind : {"requests", "answers", "meetings", "proposals", "digest"}) {
    const auto r = t->render(kind, v);
    EXPECT_FALSE(r.subject.empty()) << kind;
    EXPECT_EQ(r.subject.find('\n'), std::string::npos) << kind;
    EXPECT_NE(r.text.find("Ada <3"), std::string::npos) << kind;
    EXPECT_NE(r.html.find("Ada &lt;3"), std::string::npos) << kind;
    EXPECT_NE(r.html.find("https://x/u"), std::string::npos) << kind;
  }
}

TEST(Templates, BothShippedLayoutsShareTheirStartAndKeepTheirOwnFooter) {
  auto t = MailTemplates::load(std::string(MH_SOURCE_DIR) + "/templates/mail");
  ASSERT_TRUE(t) << t.error().message;
  const TemplateValues v{{"recipient_name", "Ada"},
                         {"organisation", "Northwind"},
                         {"unsubscribe_url", "https://x/u"},
                         {"link", "https://x/l"}};
  const auto daily = t->render("requests", v);
  const auto account = t->render("invitation", v, "account_layout");
  for (const auto* r : {&daily, &account}) {
    EXPECT_EQ(r->html.rfind("<!DOCTYPE html>\n<html lang=\"en\">\n", 0), 0u);
    EXPECT_NE(r->html.find("<p>Hello Ada,</p>\n"), std::string::npos);
    EXPECT_NE(r->html.find("Northwind mentoring, through Mentorhub.\n"), std::string::npos);
    EXPECT_EQ(r->text.rfind("Hello Ada,\n\n", 0), 0u);
    EXPECT_NE(r->text.find("\n-- \nNorthwind mentoring, through Mentorhub.\n"), std::string::npos);
    EXPECT_EQ(r->html.find("{{"), std::string::npos);
    EXPECT_EQ(r->text.find("{{"), std::string::npos);
  }
  EXPECT_NE(daily.html.find("<a href=\"https://x/u\">Stop these mails</a>"), std::string::npos);
  EXPECT_EQ(account.html.find("Stop these mails"), std::string::npos);
  EXPECT_NE(account.text.find("cannot be switched off"), std::string::npos);
}

TEST(Templates, AMissingFileIsNamed) {
  auto t = MailTemplates::load("/nonexistent-folder");
  ASSERT_FALSE(t);
  EXPECT_NE(t.error().message.find("layout.txt"), std::string::npos);
}

}  // namespace
}  // namespace mh::notify
