#include "common/file_text.hpp"

#include <array>
#include <cstdint>

#include "common/utf8.hpp"

namespace mh::csv {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

// UTF-16 after its byte-order mark, to UTF-8.
std::string from_utf16(std::string_view bytes, bool little_endian) {
  std::string out;
  out.reserve(bytes.size());
  const auto unit = [&](std::size_t i) -> char16_t {
    const auto a = static_cast<unsigned char>(bytes[i]);
    const auto b = static_cast<unsigned char>(bytes[i + 1]);
    return static_cast<char16_t>(little_endian ? (b << 8 | a) : (a << 8 | b));
  };
  std::size_t i = 0;
  for (; i + 1 < bytes.size(); i += 2) {
    const char16_t u = unit(i);
    if (u >= 0xD800 && u <= 0xDBFF && i + 3 < bytes.size()) {
      const char16_t low = unit(i + 2);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        append_utf8(out, 0x10000 + ((char32_t(u) - 0xD800) << 10) + (char32_t(low) - 0xDC00));
        i += 2;
        continue;
      }
    }
    append_utf8(out, (u >= 0xD800 && u <= 0xDFFF) ? kReplacement : char32_t(u));
  }
  if (i < bytes.size()) append_utf8(out, kReplacement);  // an odd last byte
  return out;
}

// Windows-1252's 0x80..0x9F; the rest of its upper half is Latin-1, the code points themselves.
constexpr char32_t kNone = kReplacement;
constexpr std::array<char32_t, 32> kWindows1252High = {
    0x20AC, kNone,  0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,  // 0x80
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, kNone,  0x017D, kNone,   // 0x88
    kNone,  0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,  // 0x90
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, kNone,  0x017E, 0x0178,  // 0x98
};

std::string from_windows_1252(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  for (char ch : bytes) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x80) out += ch;
    else if (c < 0xA0) append_utf8(out, kWindows1252High[c - 0x80]);
    else append_utf8(out, c);
  }
  return out;
}

}  // namespace

FileText::FileText(std::string_view bytes) : bytes_(bytes) {
  if (bytes.size() >= 2 && bytes[0] == '\xFF' && bytes[1] == '\xFE') {
    converted_ = from_utf16(bytes.substr(2), true);
    encoding_ = "UTF-16LE";
  } else if (bytes.size() >= 2 && bytes[0] == '\xFE' && bytes[1] == '\xFF') {
    converted_ = from_utf16(bytes.substr(2), false);
    encoding_ = "UTF-16BE";
  } else if (!is_valid_utf8(bytes)) {
    converted_ = from_windows_1252(bytes);
    encoding_ = "Windows-1252";
  }
}

std::optional<std::string> not_text_problem(std::string_view bytes) {
  const auto starts = [&](std::string_view magic) { return bytes.substr(0, magic.size()) == magic; };
  const char* what = nullptr;
  if (starts(std::string_view("PK\x03\x04", 4))) what = "a workbook (.xlsx or .ods, a zipped file)";
  else if (starts("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) what = "an Excel 97-2003 workbook (.xls)";
  else if (starts("%PDF-")) what = "a PDF document";
  if (!what) return std::nullopt;
  return std::string("the file is ") + what +
         ", not CSV text: open it in the spreadsheet, save it as CSV (in Excel: File > Save As > \"CSV UTF-8 "
         "(Comma delimited)\") and choose that file";
}

char sniff_separator(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  constexpr std::size_t kLook = 64 * 1024;  // a header row is far shorter
  constexpr int kRecords = 11;  // a report's title and date lines, then its column names
  std::size_t commas = 0, semicolons = 0, tabs = 0;
  bool quoted = false;
  int records = 1;
  for (std::size_t i = 0; i < text.size() && i < kLook; ++i) {
    const char c = text[i];
    if (c == '"') quoted = !quoted;  // a doubled quote flips twice
    else if (quoted) continue;
    else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;  // CRLF ends one record
    else if (c == '\n' || c == '\r') {
      // A record without any separator ("Employee directory") is a title: look at the next one.
      if (commas + semicolons + tabs > 0 || ++records > kRecords) break;
    } else if (c == ',') ++commas;
    else if (c == ';') ++semicolons;
    else if (c == '\t') ++tabs;
  }
  if (semicolons > commas && semicolons >= tabs) return ';';
  if (tabs > commas && tabs > semicolons) return '\t';
  return ',';
}

const char* separator_name(char separator) {
  switch (separator) {
    case ';': return "semicolons";
    case '\t': return "tabs";
    default: return "commas";
  }
}

}  // namespace mh::csv
