// Files as spreadsheets save them: UTF-8 with or without a byte-order mark, Excel's Windows-1252
// "CSV" and its UTF-16 "Unicode text", and the separator of their header row.
#include "common/file_text.hpp"

#include <gtest/gtest.h>

#include <string>

#include "common/utf8.hpp"

namespace mh::csv {
namespace {

TEST(FileText, Utf8IsTakenAsItIsWithoutACopy) {
  const std::string bytes = "name\nInês\n";
  const FileText f(bytes);
  EXPECT_STREQ(f.encoding(), "UTF-8");
  EXPECT_EQ(f.text().data(), bytes.data());
  const std::string marked = "\xEF\xBB\xBFname\n";
  EXPECT_STREQ(FileText(marked).encoding(), "UTF-8");
  EXPECT_EQ(FileText(marked).text(), marked);  // the CSV reader skips the mark
  EXPECT_EQ(FileText("").text(), "");
}

TEST(FileText, BytesThatAreNotUtf8AreReadAsWindows1252) {
  // "José Müller;€ 5" as Excel saves it on a Western European Windows, with its curly quote.
  const FileText f("Jos\xE9 M\xFCller;\x80 5 \x93ok\x94");
  EXPECT_STREQ(f.encoding(), "Windows-1252");
  EXPECT_EQ(f.text(), "José Müller;€ 5 “ok”");
  // The five codes Windows-1252 leaves unassigned stand for no character.
  EXPECT_EQ(FileText("a\x81\x8D\x8F\x90\x9D" "b\xFF").text(), "a\uFFFD\uFFFD\uFFFD\uFFFD\uFFFDbÿ");
}

TEST(FileText, Utf16WithItsByteOrderMarkIsConverted) {
  // "Ané\t😀\n" in UTF-16, little and big endian; the emoji is a surrogate pair.
  const std::string le("\xFF\xFE" "A\0n\0\xE9\0\t\0\x3D\xD8\x00\xDE\n\0", 16);
  const FileText little(le);
  EXPECT_STREQ(little.encoding(), "UTF-16LE");
  EXPECT_EQ(little.text(), "Ané\t😀\n");
  const std::string be("\xFE\xFF" "\0A\0n\0\xE9\0\t\xD8\x3D\xDE\x00\0\n", 16);
  const FileText big(be);
  EXPECT_STREQ(big.encoding(), "UTF-16BE");
  EXPECT_EQ(big.text(), "Ané\t😀\n");
}

TEST(FileText, BrokenUtf16StillGivesWellFormedText) {
  // An unpaired high surrogate, a lone low one, and an odd last byte.
  const std::string bytes("\xFF\xFE" "\x3D\xD8" "A\0" "\x00\xDE" "B", 9);
  const FileText f(bytes);
  EXPECT_EQ(f.text(), "\uFFFDA\uFFFD\uFFFD");
  EXPECT_TRUE(is_valid_utf8(f.text()));
}

TEST(FileText, WhateverTheBytesTheTextIsWellFormedUtf8) {
  std::string every_byte;
  for (int b = 0; b < 256; ++b) every_byte += static_cast<char>(b);
  EXPECT_TRUE(is_valid_utf8(FileText(every_byte).text()));
  EXPECT_TRUE(is_valid_utf8(FileText("\xFF\xFE" + every_byte).text()));
  EXPECT_TRUE(is_valid_utf8(FileText("\xFE\xFF" + every_byte).text()));
}

TEST(NotTextProblem, NamesAWorkbookOrAPdfAndSaysHowToSaveCsv) {
  const auto xlsx = not_text_problem(std::string_view("PK\x03\x04\x14\x00\x06\x00", 8));
  ASSERT_TRUE(xlsx);
  EXPECT_NE(xlsx->find("a workbook (.xlsx or .ods"), std::string::npos);
  EXPECT_NE(xlsx->find("CSV UTF-8"), std::string::npos);
  EXPECT_NE(not_text_problem("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00")->find(".xls)"), std::string::npos);
  EXPECT_NE(not_text_problem("%PDF-1.7\n")->find("PDF"), std::string::npos);
  EXPECT_FALSE(not_text_problem("employee_id,name,email\n"));
  EXPECT_FALSE(not_text_problem("PK,name\n")) << "a column named PK is text";
  EXPECT_FALSE(not_text_problem(""));
}

TEST(SniffSeparator, TheHeaderRowsMostFrequentSeparatorOutsideQuotes) {
  EXPECT_EQ(sniff_separator("Employee ID,Name,Email\nE1,\"Silva; Ana\",a@x\n"), ',');
  EXPECT_EQ(sniff_separator("Employee ID;Name;Email\r\nE1;\"Silva, Ana\";a@x\r\n"), ';');
  EXPECT_EQ(sniff_separator("\xEF\xBB\xBF" "Employee ID\tName\tEmail\nE1\tAna\ta@x\n"), '\t');
  // Separators inside a quoted column name do not count, nor do the rows below.
  EXPECT_EQ(sniff_separator("\"Skills; levels\",\"Name, full\";x\n;;;;;;;;\n"), ',');
  EXPECT_EQ(sniff_separator("\"a,b,c\";\"d\"\n"), ';');
  // One column, or a tie: commas, as RFC 4180 has it.
  EXPECT_EQ(sniff_separator("email\na@x\n"), ',');
  EXPECT_EQ(sniff_separator("a,b;c\n"), ',');
  EXPECT_EQ(sniff_separator(""), ',');
  // A report's title and date lines above the column names say nothing.
  EXPECT_EQ(sniff_separator("Employee directory\r\n\r\nRun on 01.12.2026\r\nEmployee ID;Name;Email\r\n"), ';');
  EXPECT_EQ(sniff_separator("Title\n1\n2\n3\n4\n5\n6\n7\n8\n9\n10\nEmployee ID;Name;Email\n"), ',')
      << "eleven records without any separator: not a file of fields";
  EXPECT_STREQ(separator_name(';'), "semicolons");
  EXPECT_STREQ(separator_name('\t'), "tabs");
  EXPECT_STREQ(separator_name(','), "commas");
}

}  // namespace
}  // namespace mh::csv
