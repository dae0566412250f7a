// The CSV reader and header mapper: every odd but valid file spreadsheets and people write, each
// malformed one refused with its line, reading on after a bad record, the limits, and no
// undefined behaviour on arbitrary bytes.
#include "common/csv.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace mh::csv {
namespace {

struct Read {
  int line = 0;
  std::vector<std::string> fields;
  std::string problem;  // "line N: ..." for a malformed record
};

std::vector<Read> read_all(std::string_view text, Limits limits = {}) {
  Reader reader(text, limits);
  std::vector<Read> out;
  for (;;) {
    const Reader::Step step = reader.next();
    if (step == Reader::Step::end) break;
    if (step == Reader::Step::problem) {
      out.push_back(Read{reader.problem().line, {}, to_string(reader.problem())});
      continue;
    }
    out.push_back(Read{reader.line(), {reader.fields().begin(), reader.fields().end()}, ""});
  }
  return out;
}

using Fields = std::vector<std::string>;

TEST(CsvReader, ReadsPlainRecordsWithTheirLines) {
  const auto r = read_all("a,b,c\n1,2,3\n");
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].fields, (Fields{"a", "b", "c"}));
  EXPECT_EQ(r[0].line, 1);
  EXPECT_EQ(r[1].fields, (Fields{"1", "2", "3"}));
  EXPECT_EQ(r[1].line, 2);
}

TEST(CsvReader, LastRecordNeedsNoLineBreak) {
  const auto r = read_all("a,b\n1,2");
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[1].fields, (Fields{"1", "2"}));
}

TEST(CsvReader, EmptyFieldsAndATrailingCommaCount) {
  const auto r = read_all("a,,c,\n,x,,\n");
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].fields, (Fields{"a", "", "c", ""}));
  EXPECT_EQ(r[1].fields, (Fields{"", "x", "", ""}));
}

TEST(CsvReader, ByteOrderMarkIsSkipped) {
  const auto r = read_all("\xEF\xBB\xBFid,name\n1,Zo\xC3\xAB\n");
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].fields, (Fields{"id", "name"}));
  EXPECT_EQ(r[1].fields, (Fields{"1", "Zo\xC3\xAB"}));
  EXPECT_EQ(r[1].line, 2);
}

TEST(CsvReader, ByteOrderMarkOnlyAtTheStart) {
  const auto r = read_all("a\n\xEF\xBB\xBF" "b\n");
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[1].fields, (Fields{"\xEF\xBB\xBF" "b"}));
}

TEST(CsvReader, CrlfLfAndLoneCrEndRecordsAlike) {
  for (std::string_view text : {"a,b\r\n1,2\r\n3,4\r\n", "a,b\n1,2\n3,4\n", "a,b\r1,2\r3,4\r", "a,b\r\n1,2\n3,4\r"}) {
    const auto r = read_all(text);
    ASSERT_EQ(r.size(), 3u) << text;
    EXPECT_EQ(r[1].fields, (Fields{"1", "2"}));
    EXPECT_EQ(r[2].fields, (Fields{"3", "4"}));
    EXPECT_EQ(r[2].line, 3);
  }
}

TEST(CsvReader, QuotedFieldsHoldCommasQuotesAndLineBreaks) {
  const auto r = read_all("name,note\n\"Chen, Wei\",\"said \"\"hi\"\"\"\n\"two\r\nlines\",\"three\nlines\rhere\"\nnext,\"\"\n");
  ASSERT_EQ(r.size(), 4u);
  EXPECT_EQ(r[1].fields, (Fields{"Chen, Wei", "said \"hi\""}));
  // Every line break inside quotes reaches the caller as one LF.
  EXPECT_EQ(r[2].fields, (Fields{"two\nlines", "three\nlines\nhere"}));
  EXPECT_EQ(r[2].line, 3);
  // The record after a record of four lines (3 to 6) starts on line 7.
  EXPECT_EQ(r[3].line, 7);
  EXPECT_EQ(r[3].fields, (Fields{"next", ""}));
}

TEST(CsvReader, SpacesAroundAQuotedFieldAreDropped) {
  const auto r = read_all("a, \"b, c\" ,\t\"d\"\n");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].fields, (Fields{"a", "b, c", "d"}));
}

TEST(CsvReader, UnquotedSpacesAreKeptForTheCaller) {
  const auto r = read_all(" a , b\n");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].fields, (Fields{" a ", " b"}));
}

Limits separated_by(char separator) {
  Limits l;
  l.separator = separator;
  return l;
}

TEST(CsvReader, ASemicolonSeparatorLeavesCommasInsideValues) {
  const auto r = read_all("name;skills\r\nAna Silva;\"SQL:5; Excel\"\r\nSilva, Ana;1,5\r\n", separated_by(';'));
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[1].fields, (Fields{"Ana Silva", "SQL:5; Excel"}));
  EXPECT_EQ(r[2].fields, (Fields{"Silva, Ana", "1,5"}));
}

TEST(CsvReader, ATabSeparatorIsNeverPaddingEvenBeforeAQuote) {
  const auto r = read_all("a\t\t\"c\"\t d \n\"x\"\t\"y\"\n", separated_by('\t'));
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].fields, (Fields{"a", "", "c", " d "}));
  EXPECT_EQ(r[1].fields, (Fields{"x", "y"}));
}

TEST(CsvReader, BlankLinesAndEmptyRowsAreSkippedButCounted) {
  const auto r = read_all("\n\na,b\n\n,\n \t, \"\"\r\n1,2\n\n");
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].line, 3);
  EXPECT_EQ(r[1].line, 7);
  EXPECT_EQ(r[1].fields, (Fields{"1", "2"}));
}

TEST(CsvReader, EmptyTextHasNoRecords) {
  for (std::string_view text : {"", "\xEF\xBB\xBF", "\n", "\r\n\r\n", ",,,\n"}) EXPECT_TRUE(read_all(text).empty());
}

TEST(CsvReader, UnterminatedQuoteNamesTheLineItOpensOnAndEndsReading) {
  const auto r = read_all("a,b\n1,2\n3,\"four\n5,6\n7,8\n");
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[2].problem, "line 3: the quoted value of column 2 that starts on this line is never closed");
}

TEST(CsvReader, ProblemsNameTheColumnsOnceNamed) {
  Reader reader("\"x");
  reader.name_columns({"name"});
  ASSERT_EQ(reader.next(), Reader::Step::problem);
  EXPECT_EQ(to_string(reader.problem()), "line 1: the quoted value of name that starts on this line is never closed");
  EXPECT_EQ(reader.next(), Reader::Step::end);
}

// `text`: a header, a second line refused with `problem`, then "2,ok", which is read all the same.
void expect_line_2_refused(std::string_view text, const std::string& problem) {
  const auto r = read_all(text);
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[1].problem, problem);
  EXPECT_EQ(r[2].fields, (Fields{"2", "ok"}));
  EXPECT_EQ(r[2].line, 3);
}

TEST(CsvReader, TextAfterAClosingQuoteIsRefusedAndReadingGoesOn) {
  expect_line_2_refused("a,b\n1,\"Ann\" Lee\n2,ok\n",
                        "line 2: unexpected text after the closing quote of column 2; a quote inside a quoted value is "
                        "written twice (\"\")");
}

TEST(CsvReader, QuoteInsideAnUnquotedFieldIsRefusedAndReadingGoesOn) {
  expect_line_2_refused("a,b\n1,Ann \"Annie\" Lee\r\n2,ok\n",
                        "line 2: a quote inside the unquoted value of column 2; put the whole value in quotes and "
                        "write the quote twice (\"\")");
}

TEST(CsvReader, FieldOverTheLimitIsRefusedAndTheRecordReadToItsEnd) {
  const Limits limits{10, 5};
  const auto r = read_all("a,b\n1,12345\n2,123456\n3,\"1\n345\"\n4,\"1234\n56\",x\n5,ok\n", limits);
  ASSERT_EQ(r.size(), 6u);
  EXPECT_EQ(r[1].fields, (Fields{"1", "12345"}));
  EXPECT_EQ(r[2].problem, "line 3: column 2 is longer than 5 bytes");
  EXPECT_EQ(r[3].fields, (Fields{"3", "1\n345"}));
  EXPECT_EQ(r[4].problem, "line 6: column 2 is longer than 5 bytes");
  EXPECT_EQ(r[5].fields, (Fields{"5", "ok"}));
  EXPECT_EQ(r[5].line, 8);
}

TEST(CsvReader, FieldsBeyondTheLimitAreCountedNotKept) {
  const std::string commas(5000, ',');
  Reader reader(commas, Limits{10, 100});
  ASSERT_EQ(reader.next(), Reader::Step::end);  // all blank

  const std::string wide = "a" + std::string(4999, ',') + "\nb,c\n";
  Reader wide_reader(wide, Limits{10, 100});
  ASSERT_EQ(wide_reader.next(), Reader::Step::record);
  EXPECT_EQ(wide_reader.size(), 5000u);
  EXPECT_EQ(wide_reader.fields().size(), 10u);
  EXPECT_EQ(wide_reader.field(0), "a");
  EXPECT_EQ(wide_reader.field(4000), "");
  ASSERT_EQ(wide_reader.next(), Reader::Step::record);
  EXPECT_EQ(wide_reader.size(), 2u);
  EXPECT_EQ(wide_reader.field(1), "c");
  EXPECT_EQ(wide_reader.field(2), "");
}

TEST(CsvReader, ArbitraryBytesNeverBreakTheReader) {
  // A small fuzz: random texts over the bytes that matter, plus any byte; every field stays
  // within the limits, and reading always ends.
  std::mt19937 random(16);
  static constexpr char kBytes[] = "\",\r\n \tab\xEF\xBB\xBF\x00\xFF";
  const std::string alphabet(kBytes, sizeof kBytes - 1);
  for (int round = 0; round < 3000; ++round) {
    std::string text(random() % 64, ' ');
    for (char& c : text)
      c = random() % 8 == 0 ? static_cast<char>(random() % 256) : alphabet[random() % alphabet.size()];
    Reader reader(text, Limits{4, 8});
    std::size_t steps = 0;
    for (;;) {
      const Reader::Step step = reader.next();
      if (step == Reader::Step::end) break;
      ASSERT_LT(++steps, text.size() + 2) << "reading must end";
      if (step == Reader::Step::problem) {
        EXPECT_GE(reader.problem().line, 1);
        continue;
      }
      EXPECT_LE(reader.fields().size(), 4u);
      EXPECT_GE(reader.size(), reader.fields().size());
      for (const std::string& f : reader.fields()) EXPECT_LE(f.size(), 8u);
    }
  }
}

const std::vector<Column> kPeople = {
    {"id", {"person id", "employee number"}, true},
    {"name", {"full name"}, true},
    {"manager_id", {"manager"}, false},
    {"email", {"e-mail", "mail"}, false},
};

HeaderResult header_of(std::string_view text, const HeaderOptions& options = {}) {
  Reader reader(text);
  EXPECT_EQ(reader.next(), Reader::Step::record);
  return map_header(reader, kPeople, options);
}

std::vector<std::string> messages(const HeaderResult& r) {
  std::vector<std::string> out;
  for (const Problem& p : r.problems) out.push_back(to_string(p));
  return out;
}

TEST(CsvHeader, ColumnsInAnyOrderIgnoringCaseSpacesAndSeparators) {
  const auto r = header_of(" Manager ID ,NAME,Id\n");
  ASSERT_TRUE(r.header) << messages(r).at(0);
  EXPECT_EQ(r.header->field_of, (std::vector<int>{2, 1, 0, -1}));
  EXPECT_EQ(r.header->field_names, (std::vector<std::string>{"manager_id", "name", "id"}));
  EXPECT_EQ(r.header->width(), 3u);
  EXPECT_EQ(r.header->line, 1);
}

TEST(CsvHeader, AliasesNameTheirColumn) {
  const auto r = header_of("Employee Number,Full-Name,E-Mail,manager\n");
  ASSERT_TRUE(r.header) << messages(r).at(0);
  EXPECT_EQ(r.header->field_of, (std::vector<int>{0, 1, 3, 2}));
  EXPECT_EQ(r.header->field_names, (std::vector<std::string>{"id", "name", "email", "manager_id"}));
}

TEST(CsvHeader, ColumnKeysIgnoreCaseAndSeparators) {
  const std::pair<const char*, const char*> names_and_keys[] = {
      {"  Career Start-Year ", "careerstartyear"}, {"CareerStartYear", "careerstartyear"}, {"e-mail", "email"},
      {"Email (Work)", "emailwork"}, {"__id__", "id"}, {"Employee #2", "employee2"}, {"Zo\xC3\xAB", "zo\xC3\xAB"},
  };
  for (const auto& [name, key] : names_and_keys) EXPECT_EQ(column_key(name), key) << name;
}

// HR systems and spreadsheets spell one column many ways: words, CamelCase, upper case.
TEST(CsvHeader, CamelCaseAndUpperCaseNamesMatchTheirColumn) {
  const std::vector<Column> columns = {{"employee_id", {}, true}, {"first_name", {}, true}, {"hire_date", {}, false}};
  Reader reader("EmployeeID,FIRSTNAME,Hire.Date\n");
  ASSERT_EQ(reader.next(), Reader::Step::record);
  const HeaderResult r = map_header(reader, columns);
  ASSERT_TRUE(r.header) << r.problems.at(0).message;
  EXPECT_EQ(r.header->field_of, (std::vector<int>{0, 1, 2}));
}

TEST(CsvHeader, EveryProblemIsReportedAtOnce) {
  const auto r = header_of("\n\nName,Vorname,,full name,Abteilung\n");
  EXPECT_FALSE(r.header);
  EXPECT_EQ(messages(r), (std::vector<std::string>{
                             "line 3: column 3 of the header has no name",
                             "line 3: column \"full name\" and column \"Name\" both give name",
                             "line 3: unknown columns \"Vorname\", \"Abteilung\" (the columns are id, name, "
                             "manager_id, email)",
                             "line 3: the required column \"id\" is missing",
                         }));
}

TEST(CsvHeader, RepeatedColumnIsRefused) {
  EXPECT_EQ(messages(header_of("id,name,Name\n")),
            (std::vector<std::string>{"line 1: column \"Name\" appears twice"}));
}

TEST(CsvHeader, TwoNamesOfOneColumnMayGoToTheBetterKnown) {
  // "full name" is an alias of name: with the option, "Name" is read wherever it stands and
  // "full name" ignored; the same name twice is still refused.
  const HeaderOptions prefer{.allow_unknown = true, .prefer_among_aliases = true};
  for (const char* text : {"id,full name,Name\n", "id,Name,full name\n"}) {
    const auto r = header_of(text, prefer);
    ASSERT_TRUE(r.header) << text << ": " << messages(r).at(0);
    const int name_at = std::string_view(text).find(",Name") == 2 ? 1 : 2;
    EXPECT_EQ(r.header->field_of[1], name_at) << text;
    EXPECT_EQ(r.header->ignored, std::vector<std::string>{"full name"}) << text;
    EXPECT_EQ(r.header->field_names[static_cast<std::size_t>(3 - name_at)], "") << text;
  }
  EXPECT_EQ(messages(header_of("id,name,Name\n", prefer)),
            (std::vector<std::string>{"line 1: column \"Name\" appears twice"}));
}

TEST(CsvHeader, UnknownColumnsMayBeIgnored) {
  const auto r = header_of("id,Cost centre,name,Badge\n", HeaderOptions{true});
  ASSERT_TRUE(r.header) << messages(r).at(0);
  EXPECT_EQ(r.header->ignored, (std::vector<std::string>{"Cost centre", "Badge"}));
  EXPECT_EQ(r.header->field_names, (std::vector<std::string>{"id", "", "name", ""}));
  EXPECT_EQ(r.header->field_of[1], 2);
}

TEST(CsvHeader, TooManyColumnsIsRefused) {
  const std::string wide = "a" + std::string(20, ',');
  Reader reader(wide, Limits{10, 100});
  ASSERT_EQ(reader.next(), Reader::Step::record);
  const auto r = map_header(reader, kPeople);
  EXPECT_EQ(messages(r), (std::vector<std::string>{"line 1: the header has 21 columns, more than the 10 a file may have"}));
}

TEST(CsvText, Utf8IsChecked) {
  EXPECT_TRUE(valid_utf8("Zo\xC3\xAB \xE2\x82\xAC \xF0\x9F\x98\x80"));
  EXPECT_FALSE(valid_utf8("Ren\xE9"));
  EXPECT_FALSE(valid_utf8("\xC0\xAF"));          // overlong
  EXPECT_FALSE(valid_utf8("\xED\xA0\x80"));      // a surrogate
  EXPECT_FALSE(valid_utf8("\xF4\x90\x80\x80"));  // past U+10FFFF
  EXPECT_FALSE(valid_utf8("\xE2\x82"));          // cut short
}

TEST(CsvText, ShownValuesAreSafeAndShort) {
  EXPECT_EQ(shown("Ann"), "\"Ann\"");
  EXPECT_EQ(shown("a\tb\x1b"), "\"a?b?\"");
  EXPECT_EQ(shown("Ren\xE9"), "\"Ren?\"");
  EXPECT_EQ(shown(std::string(100, 'x')), "\"" + std::string(40, 'x') + "...\"");
}

}  // namespace
}  // namespace mh::csv

namespace mh::csv {
namespace {

TEST(CsvWriter, QuotesOnlyWhatNeedsQuotesAndEndsRowsWithCrlf) {
  std::string out;
  append_row(out, {"plain", "a, b", "say \"hi\"", "two\nlines", " padded", ""});
  EXPECT_EQ(out, "plain,\"a, b\",\"say \"\"hi\"\"\",\"two\nlines\",\" padded\",\r\n");
}

TEST(CsvWriter, KeepsASpreadsheetFromRunningAFieldAsAFormula) {
  std::string out;
  append_field(out, "=HYPERLINK(\"http://x\")");
  EXPECT_EQ(out, "\"'=HYPERLINK(\"\"http://x\"\")\"");
}

TEST(CsvWriter, WritesWhatTheReaderReadsBack) {
  std::string out;
  const std::vector<std::string> row{"Silva, Ana", "line one\nline two", "quote \" inside", "plain"};
  append_row(out, row);
  Reader reader(out);
  ASSERT_EQ(reader.next(), Reader::Step::record);
  EXPECT_EQ(std::vector<std::string>(reader.fields().begin(), reader.fields().end()), row);
}

}  // namespace
}  // namespace mh::csv
