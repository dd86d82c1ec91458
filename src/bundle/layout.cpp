#include "bundle/internal/layout.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "bundle/internal/winansi.h"

namespace berkas::bundle::internal {

double Metrics::width(FontId f, double size, std::string_view text) const {
  double w = 0;
  for (unsigned char c : text) w += widths[f][c];
  return w * size;
}

std::string page_range(int first, int last) {
  if (first <= 0) return {};
  if (last <= first) return std::to_string(first);
  return std::to_string(first) + "\u2013" + std::to_string(last);
}

namespace {

using G = Geometry;

constexpr double k_body_size = 11.0;
constexpr double k_body_lead = 14.6;
constexpr double k_para_gap = 5.0;

struct Line {
  std::string text;  // Windows-1252, single spaces between words
  double width = 0;
  int spaces = 0;
  bool justify = false;  // false on the last line of a paragraph or before a hard break
};

struct Font {
  FontId id;
  double size;
  double lead;
};

// Greedy line breaking with real advance widths. Words longer than a line are cut between
// characters (long hashes, URLs in chat exports).
std::vector<Line> break_lines(const Metrics& m, Font f, const std::string& text, double max_w) {
  std::vector<Line> out;
  const double space_w = m.width(f.id, f.size, " ");
  std::size_t seg_start = 0;
  while (seg_start <= text.size()) {
    std::size_t seg_end = text.find('\n', seg_start);
    if (seg_end == std::string::npos) seg_end = text.size();
    const std::string_view seg(text.data() + seg_start, seg_end - seg_start);
    Line cur;
    bool any = false;
    auto flush = [&](bool justify) {
      cur.justify = justify;
      out.push_back(std::move(cur));
      cur = Line{};
    };
    std::size_t i = 0;
    while (i < seg.size()) {
      while (i < seg.size() && seg[i] == ' ') ++i;
      if (i >= seg.size()) break;
      std::size_t j = i;
      while (j < seg.size() && seg[j] != ' ') ++j;
      std::string word(seg.substr(i, j - i));
      i = j;
      double ww = m.width(f.id, f.size, word);
      if (!cur.text.empty() && cur.width + space_w + ww <= max_w) {
        cur.text += ' ';
        cur.text += word;
        cur.width += space_w + ww;
        ++cur.spaces;
        continue;
      }
      if (!cur.text.empty()) flush(true);
      while (ww > max_w && word.size() > 1) {
        std::size_t k = 0;
        double pw = 0;
        while (k < word.size()) {
          const double cw = m.widths[f.id][static_cast<unsigned char>(word[k])] * f.size;
          if (k > 0 && pw + cw > max_w) break;
          pw += cw;
          ++k;
        }
        cur.text = word.substr(0, k);
        cur.width = pw;
        flush(false);
        word.erase(0, k);
        ww = m.width(f.id, f.size, word);
      }
      cur.text = word;
      cur.width = ww;
      any = true;
    }
    if (!cur.text.empty() || !any) flush(false);
    if (seg_end == text.size()) break;
    seg_start = seg_end + 1;
  }
  return out;
}

std::string anchor_id(const Block& b, std::size_t index) {
  return b.anchor.empty() ? "_b" + std::to_string(index) : b.anchor;
}

bool is_entry(const Block& b) {
  return (b.kind == BlockKind::heading || b.kind == BlockKind::anchor || b.kind == BlockKind::pdf ||
          b.kind == BlockKind::image);
}

Font heading_font(int level) {
  if (level <= 1) return {sans_bold, 15.0, 19.0};
  if (level == 2) return {sans_bold, 12.5, 16.0};
  return {serif_bold, 11.5, 15.0};
}

class Engine {
 public:
  Engine(const LayoutDocument& doc, const Metrics& m, const std::vector<int>& pdf_pages,
         const std::map<std::string, AnchorPages>& known)
      : m_doc(doc), m_m(m), m_pdf_pages(pdf_pages), m_known(known) {}

  LaidOut run() {
    for (std::size_t i = 0; i < m_doc.blocks.size(); ++i) block(i);
    close_anchors(0);
    for (auto& a : m_out.anchors) {
      if (a.first_page < 0) a.first_page = std::max<int>(0, static_cast<int>(m_out.pages.size()) - 1);
      if (a.last_page < a.first_page) a.last_page = a.first_page;
      ++a.first_page;  // 1-based from here on
      ++a.last_page;
    }
    if (m_out.pages.empty()) m_out.pages.emplace_back();
    furniture();
    return std::move(m_out);
  }

 private:
  std::string enc(std::string_view utf8) { return to_winansi(utf8, m_out.substituted); }

  // The page the next drawing goes on, created when a break was asked for.
  PageLayout& page() {
    if (m_need_page || m_out.pages.empty()) {
      m_out.pages.emplace_back();
      m_y = G::body_top;
      m_need_page = false;
      m_page_empty = true;
    }
    return m_out.pages.back();
  }
  int page_index() const { return static_cast<int>(m_out.pages.size()) - 1; }
  bool fits(double h) const { return m_y - h >= G::body_bottom - 0.01; }

  // Makes room for `h` points: a new page unless they fit (or the page is still empty).
  void need(double h) {
    page();
    if (!fits(h) && !m_page_empty) {
      m_need_page = true;
      page();
    }
  }

  // Something was drawn on the current page: pending anchors land here.
  void mark() {
    m_page_empty = false;
    m_last_content = page_index();
    for (std::size_t a : m_pending) m_out.anchors[a].first_page = page_index();
    m_pending.clear();
  }

  void text(FontId f, double size, double x, double y, std::string s, double tw = 0) {
    if (s.empty()) return;
    page().runs.push_back(TextRun{f, size, x, y, tw, std::move(s)});
    mark();
  }

  // Draws `line` at the cursor, advancing it by `lead`.
  void draw_line(const Line& line, Font f, double x, double w, Align align) {
    const double base = m_y - f.lead * 0.76;
    double tw = 0, lx = x;
    if (align == Align::justify && line.justify && line.spaces > 0)
      tw = (w - line.width) / line.spaces;
    else if (align == Align::center)
      lx = x + (w - line.width) / 2;
    else if (align == Align::right)
      lx = x + w - line.width;
    text(f.id, f.size, lx, base, line.text, tw);
    if (line.text.empty()) mark();
    m_y -= f.lead;
  }

  void close_anchors(int level) {
    while (!m_open.empty() && m_out.anchors[m_open.back()].level >= level) {
      auto& a = m_out.anchors[m_open.back()];
      a.last_page = std::max(a.first_page, m_last_content);
      m_open.pop_back();
    }
  }

  void register_anchor(const Block& b, std::size_t index) {
    close_anchors(b.level);
    AnchorPages a;
    a.anchor = anchor_id(b, index);
    a.title = b.text;
    a.level = b.level;
    a.first_page = -1;
    m_out.anchors.push_back(std::move(a));
    m_open.push_back(m_out.anchors.size() - 1);
    m_pending.push_back(m_out.anchors.size() - 1);
  }

  // The height that must follow a heading on the same page (keep-with-next).
  double keep_height(std::size_t i, int depth = 0) {
    if (i >= m_doc.blocks.size() || depth > 4) return 0;
    const Block& b = m_doc.blocks[i];
    const double cap = (G::body_top - G::body_bottom) / 2;
    double h = 0;
    switch (b.kind) {
      case BlockKind::heading: {
        const Font f = heading_font(b.level);
        h = static_cast<double>(break_lines(m_m, f, enc(b.text), G::body_w).size()) * f.lead + 14 +
            keep_height(i + 1, depth + 1);
        break;
      }
      case BlockKind::anchor: h = keep_height(i + 1, depth + 1); break;
      case BlockKind::paragraph: h = 2 * k_body_lead; break;
      case BlockKind::qa: h = 3 * k_body_lead; break;
      case BlockKind::key_value: h = 2 * k_body_lead; break;
      case BlockKind::table: h = 4 * 11.5 + 12; break;
      case BlockKind::note: h = 2 * k_body_lead + 12; break;
      case BlockKind::excerpt: h = 3 * k_body_lead + 12; break;
      case BlockKind::checklist: h = 2 * k_body_lead; break;
      case BlockKind::chart: h = chart_height(b); break;
      default: h = 0;
    }
    return std::min(h, cap);
  }

  void block(std::size_t i) {
    const Block& b = m_doc.blocks[i];
    switch (b.kind) {
      case BlockKind::heading: heading(b, i); break;
      case BlockKind::anchor: register_anchor(b, i); break;
      case BlockKind::paragraph: paragraph(b); break;
      case BlockKind::qa: qa(b); break;
      case BlockKind::key_value: key_value(b); break;
      case BlockKind::table: table(b); break;
      case BlockKind::note: note(b); break;
      case BlockKind::page_break:
        if (!m_out.pages.empty() && !m_page_empty) m_need_page = true;
        break;
      case BlockKind::toc: toc(); break;
      case BlockKind::pdf: pdf(b, i); break;
      case BlockKind::image: image(b, i); break;
      case BlockKind::chart: chart(b); break;
      case BlockKind::checklist: checklist(b); break;
      case BlockKind::excerpt: excerpt(b); break;
    }
  }

  void heading(const Block& b, std::size_t i) {
    const Font f = heading_font(b.level);
    const double before = b.level <= 1 ? 4 : b.level == 2 ? 14 : 10;
    const double after = b.level <= 1 ? 10 : b.level == 2 ? 6 : 4;
    const auto lines = break_lines(m_m, f, enc(b.text), G::body_w);
    const double h = static_cast<double>(lines.size()) * f.lead + after;
    need(before + h + keep_height(i + 1));
    if (!m_page_empty) m_y -= before;
    register_anchor(b, i);
    const Align al = b.align == Align::center || b.align == Align::right ? b.align : Align::left;
    for (const auto& l : lines) draw_line(l, f, G::left, G::body_w, al);
    m_y -= after;
  }

  // Lines that may break across pages, never leaving a single first line at a page foot.
  void flow(const std::vector<Line>& lines, Font f, double x, double w, Align align) {
    if (lines.empty()) return;
    need(static_cast<double>(std::min<std::size_t>(2, lines.size())) * f.lead);
    for (const auto& l : lines) {
      need(f.lead);
      draw_line(l, f, x, w, align);
    }
  }

  void paragraph(const Block& b) {
    const FontId id = b.style == Style::bold ? serif_bold : b.style == Style::italic ? serif_italic : serif;
    const Font f = b.size > 0 ? Font{b.style == Style::bold ? sans_bold : id, b.size, b.size * 1.3}
                              : Font{id, k_body_size, k_body_lead};
    if (b.space_before > 0) {
      page();
      if (fits(b.space_before)) m_y -= b.space_before;
    }
    flow(break_lines(m_m, f, enc(b.text), G::body_w), f, G::left, G::body_w, b.align);
    m_y -= k_para_gap;
  }

  void qa(const Block& b) {
    const Font body{serif, k_body_size, k_body_lead};
    const Font label{serif_bold, k_body_size, k_body_lead};
    const std::string ql = enc(m_doc.qa_question_label), al = enc(m_doc.qa_answer_label);
    const double num_w = 26;
    const double label_w = std::max(m_m.width(label.id, label.size, ql), m_m.width(label.id, label.size, al));
    const double colon_x = G::left + num_w + label_w + 3;
    const double text_x = colon_x + 9;
    const double text_w = G::page_w - G::right - text_x;
    const auto q = break_lines(m_m, body, enc(b.question), text_w);
    const auto a = break_lines(m_m, body, enc(b.answer), text_w);
    // The question stays with the first lines of its answer.
    need(std::min(static_cast<double>(q.size() + std::min<std::size_t>(2, a.size())) * k_body_lead,
                  (G::body_top - G::body_bottom) / 2));
    auto labelled = [&](const std::vector<Line>& lines, const std::string& lab, bool number) {
      for (std::size_t k = 0; k < lines.size(); ++k) {
        need(k_body_lead);
        if (k == 0) {
          const double base = m_y - k_body_lead * 0.76;
          if (number) text(serif_bold, k_body_size, G::left, base, std::to_string(b.number) + ".");
          text(label.id, label.size, G::left + num_w, base, lab);
          text(label.id, label.size, colon_x, base, ":");
        }
        draw_line(lines[k], body, text_x, text_w, Align::justify);
      }
    };
    labelled(q, ql, true);
    m_y -= 2;
    labelled(a, al, false);
    m_y -= 7;
  }

  void key_value(const Block& b) {
    const Font lf{serif_bold, k_body_size, k_body_lead};
    const Font vf{serif, k_body_size, k_body_lead};
    const double label_w = 140, value_x = G::left + label_w + 10;
    const double value_w = G::page_w - G::right - value_x;
    need(std::min<double>(2, static_cast<double>(b.pairs.size())) * k_body_lead);
    for (const auto& [k, v] : b.pairs) {
      const auto kl = break_lines(m_m, lf, enc(k), label_w - 6);
      const auto vl = break_lines(m_m, vf, enc(v), value_w);
      const std::size_t n = std::max(kl.size(), vl.size());
      for (std::size_t r = 0; r < n; ++r) {
        need(k_body_lead);
        const double base = m_y - k_body_lead * 0.76;
        if (r < kl.size()) text(lf.id, lf.size, G::left, base, kl[r].text);
        if (r == 0) text(lf.id, lf.size, G::left + label_w, base, ":");
        if (r < vl.size()) text(vf.id, vf.size, value_x, base, vl[r].text);
        mark();
        m_y -= k_body_lead;
      }
    }
    m_y -= 6;
  }

  std::string cell_text(const Cell& c) {
    if (c.pages_of.empty()) return c.text;
    auto it = m_known.find(c.pages_of);
    return it == m_known.end() ? std::string("?") : page_range(it->second.first_page, it->second.last_page);
  }

  void table(const Block& b) {
    std::size_t cols = b.header.size();
    for (const auto& r : b.rows) cols = std::max(cols, r.size());
    if (cols == 0) return;
    std::vector<double> rel(cols, 1.0);
    for (std::size_t c = 0; c < cols && c < b.column_widths.size(); ++c)
      if (b.column_widths[c] > 0) rel[c] = b.column_widths[c];
    double total = 0;
    for (double r : rel) total += r;
    std::vector<double> w(cols), x(cols);
    double acc = G::left;
    for (std::size_t c = 0; c < cols; ++c) {
      w[c] = G::body_w * rel[c] / total;
      x[c] = acc;
      acc += w[c];
    }
    const double pad = 3;
    const Font hf{sans_bold, 8.5, 11.0}, bf{serif, 9.0, 11.5};
    auto cell_lines = [&](const std::vector<std::string>& texts, Font f) {
      std::vector<std::vector<Line>> out(cols);
      for (std::size_t c = 0; c < cols; ++c)
        out[c] = break_lines(m_m, f, c < texts.size() ? enc(texts[c]) : std::string(), w[c] - 2 * pad);
      return out;
    };
    auto rows_of = [](const std::vector<std::vector<Line>>& cl) {
      std::size_t n = 1;
      for (const auto& c : cl) n = std::max(n, c.size());
      return n;
    };
    const auto head = cell_lines(b.header, hf);
    const bool has_head = !b.header.empty();
    const double head_h = has_head ? static_cast<double>(rows_of(head)) * hf.lead + 2 * pad : 0;
    // Draws lines [from, from+n) of a row as one band of cells.
    auto band = [&](const std::vector<std::vector<Line>>& cl, Font f, std::size_t from, std::size_t n, bool shade) {
      const double h = static_cast<double>(n) * f.lead + 2 * pad;
      PageLayout& pg = page();
      for (std::size_t c = 0; c < cols; ++c) {
        if (shade) pg.boxes.push_back(Box{x[c], m_y - h, w[c], h, true});
        pg.boxes.push_back(Box{x[c], m_y - h, w[c], h, false});
        for (std::size_t k = from; k < from + n && k < cl[c].size(); ++k)
          text(f.id, f.size, x[c] + pad, m_y - pad - static_cast<double>(k - from) * f.lead - f.lead * 0.78,
               cl[c][k].text);
      }
      mark();
      m_y -= h;
    };
    auto header = [&] {
      if (has_head) band(head, hf, 0, rows_of(head), true);
    };
    bool fresh = true;  // the header was just drawn at the top of a page
    {
      std::vector<std::string> first;
      if (!b.rows.empty())
        for (const auto& c : b.rows.front()) first.push_back(cell_text(c));
      const double first_h = b.rows.empty() ? 0 : static_cast<double>(std::min<std::size_t>(3, rows_of(cell_lines(first, bf)))) * bf.lead + 2 * pad;
      need(head_h + first_h);
      fresh = m_page_empty;
      header();
    }
    for (const auto& row : b.rows) {
      std::vector<std::string> texts;
      for (const auto& c : row) texts.push_back(cell_text(c));
      const auto cl = cell_lines(texts, bf);
      const std::size_t total_lines = rows_of(cl);
      std::size_t start = 0;
      while (start < total_lines) {
        const double avail = m_y - G::body_bottom - 2 * pad;
        const auto fit = static_cast<std::size_t>(std::max(0.0, std::floor(avail / bf.lead + 1e-6)));
        const std::size_t remaining = total_lines - start;
        // A row is split only when it could not fit on a fresh page either.
        if (fit < remaining && !(fresh && fit > 0)) {
          m_need_page = true;
          page();
          header();
          fresh = true;
          continue;
        }
        const std::size_t n = std::min(remaining, fit);
        band(cl, bf, start, n, false);
        start += n;
        fresh = false;
      }
    }
    m_y -= 8;
  }

  void note(const Block& b) {
    boxed(b.label, {}, b.text, Font{serif_italic, 10.5, 14.0}, false);
  }

  void excerpt(const Block& b) {
    boxed(b.label, b.caption, b.text, Font{serif, 10.5, 14.0}, true);
  }

  // A framed (or shaded) box: an optional bold label line and a small caption line, then `body`,
  // breaking across pages when it must (each piece of the box closed on its page).
  void boxed(const std::string& label, const std::string& caption, const std::string& body, Font f, bool shaded) {
    const double pad = 6;
    const Font lf{sans_bold, 9.5, 13.0}, cf{sans, 8.5, 12.0};
    const auto ll = label.empty() ? std::vector<Line>{} : break_lines(m_m, lf, enc(label), G::body_w - 2 * pad);
    const auto cl = caption.empty() ? std::vector<Line>{} : break_lines(m_m, cf, enc(caption), G::body_w - 2 * pad);
    const auto lines = break_lines(m_m, f, enc(body), G::body_w - 2 * pad);
    need(static_cast<double>(ll.size()) * lf.lead + static_cast<double>(cl.size()) * cf.lead +
         static_cast<double>(std::min<std::size_t>(2, lines.size())) * f.lead + 2 * pad);
    double top = m_y;
    auto close = [&] {
      const Box frame{G::left, m_y - pad, G::body_w, top - (m_y - pad), false};
      if (shaded) {
        Box fill = frame;
        fill.fill = true;
        fill.gray = 0.93;
        page().boxes.push_back(fill);
        page().boxes.push_back(Box{G::left, m_y - pad, 2.5, top - (m_y - pad), true, 0.35});
      } else {
        page().boxes.push_back(frame);
      }
    };
    m_y -= pad;
    auto put = [&](const Line& l, Font font) {
      if (!fits(font.lead + pad)) {
        close();
        m_need_page = true;
        page();
        top = m_y;
        m_y -= pad;
      }
      draw_line(l, font, G::left + pad + (shaded ? 4 : 0), G::body_w - 2 * pad - (shaded ? 4 : 0), Align::left);
    };
    for (const auto& l : ll) put(l, lf);
    for (const auto& l : cl) put(l, cf);
    if (!cl.empty() || !ll.empty()) m_y -= 2;
    for (const auto& l : lines) put(l, f);
    close();
    m_y -= pad + 8;
  }

  void checklist(const Block& b) {
    const Font f{serif, k_body_size, k_body_lead};
    const double box = 8.5, indent = 20;
    for (const auto& item : b.items) {
      const auto lines = break_lines(m_m, f, enc(item), G::body_w - indent);
      need(static_cast<double>(std::min<std::size_t>(2, lines.size())) * f.lead);
      for (std::size_t k = 0; k < lines.size(); ++k) {
        need(f.lead);
        if (k == 0) {
          const double base = m_y - f.lead * 0.76;
          page().boxes.push_back(Box{G::left + 2, base - 1, box, box, false});
        }
        draw_line(lines[k], f, G::left + indent, G::body_w - indent, Align::left);
      }
      m_y -= 3;
    }
    m_y -= k_para_gap;
  }

  static constexpr double k_bar_lead = 17;
  static double chart_height(const Block& b) {
    return 22 + static_cast<double>(b.labels.size()) * k_bar_lead + 30 + (b.caption.empty() ? 0 : 14);
  }

  // Horizontal bars: labels on the left, one bar per value from a common axis, the value after
  // each bar, a scale below. All rectangles and text: vector drawing, searchable labels.
  void chart(const Block& b) {
    const std::size_t n = std::min(b.labels.size(), b.values.size());
    if (n == 0) return;
    need(chart_height(b));
    const Font tf{sans_bold, 10, 14}, lf{sans, 9, k_bar_lead};
    double max_v = 0;
    for (std::size_t k = 0; k < n; ++k) max_v = std::max(max_v, b.values[k]);
    const double scale_max = nice_max(max_v);
    double label_w = 0;
    std::vector<std::string> labels;
    for (std::size_t k = 0; k < n; ++k) {
      labels.push_back(fit_text(lf.id, lf.size, enc(b.labels[k]), G::body_w * 0.35));
      label_w = std::max(label_w, m_m.width(lf.id, lf.size, labels.back()));
    }
    const double x0 = G::left + label_w + 8;
    const double value_room = 50;
    const double bar_w = G::left + G::body_w - value_room - x0;
    if (!b.text.empty()) {
      text(tf.id, tf.size, G::left, m_y - tf.lead * 0.76, fit_text(tf.id, tf.size, enc(b.text), G::body_w));
      m_y -= tf.lead + 8;
    }
    const double top = m_y;
    for (std::size_t k = 0; k < n; ++k) {
      const double base = m_y - k_bar_lead * 0.72;
      text(lf.id, lf.size, x0 - 6 - m_m.width(lf.id, lf.size, labels[k]), base, labels[k]);
      const double len = scale_max > 0 ? bar_w * b.values[k] / scale_max : 0;
      if (len > 0) page().boxes.push_back(Box{x0, m_y - k_bar_lead + 3, len, k_bar_lead - 6, true, 0.45});
      text(lf.id, lf.size, x0 + len + 4, base, enc(format_value(b.values[k])));
      m_y -= k_bar_lead;
    }
    // Axes: the baseline of the bars and the scale with three ticks.
    PageLayout& pg = page();
    pg.boxes.push_back(Box{x0 - 0.4, m_y - 2, 0.8, top - m_y + 2, true, 0.0});
    pg.boxes.push_back(Box{x0, m_y - 2.4, bar_w, 0.8, true, 0.0});
    for (int t = 0; t <= 4; ++t) {
      const double v = scale_max * t / 4, x = x0 + bar_w * t / 4;
      pg.boxes.push_back(Box{x - 0.3, m_y - 6, 0.6, 4, true, 0.0});
      const std::string s = enc(format_value(v));
      text(sans, 8, x - m_m.width(sans, 8, s) / 2, m_y - 15, s);
    }
    m_y -= 22;
    if (!b.caption.empty()) {
      text(sans, 8, G::left, m_y - 9, fit_text(sans, 8, enc(b.caption), G::body_w));
      m_y -= 14;
    }
    mark();
    m_y -= 8;
  }

  // A round upper end for the scale: 1, 2 or 5 times a power of ten, at least `v`.
  static double nice_max(double v) {
    if (v <= 0) return 1;
    double p = std::pow(10.0, std::floor(std::log10(v)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
      if (m * p >= v) return m * p;
    return 10 * p;
  }

  static std::string format_value(double v) {
    char buf[32];
    if (std::fabs(v - std::round(v)) < 1e-9) std::snprintf(buf, sizeof buf, "%.0f", v);
    else std::snprintf(buf, sizeof buf, "%.1f", v);
    std::string s = buf;
    for (auto& c : s) if (c == '.') c = ',';  // Indonesian decimal comma
    return s;
  }

  void toc() {
    const double num_w = 42, lead = 14;
    for (std::size_t i = 0; i < m_doc.blocks.size(); ++i) {
      const Block& b = m_doc.blocks[i];
      if (!is_entry(b) || !b.in_index || b.text.empty()) continue;
      const Font f{b.level <= 1 ? sans_bold : serif, 10.5, lead};
      const double indent = (std::max(1, b.level) - 1) * 16.0;
      const double title_w = G::body_w - indent - num_w - 10;
      const auto lines = break_lines(m_m, f, enc(b.text), title_w);
      const std::string id = anchor_id(b, i);
      auto it = m_known.find(id);
      const std::string num = it == m_known.end() ? std::string() : std::to_string(it->second.first_page);
      const double before = b.level <= 1 ? 5 : 0;
      need(before + static_cast<double>(lines.size()) * lead);
      if (!m_page_empty) m_y -= before;
      const double top = m_y;
      for (std::size_t k = 0; k < lines.size(); ++k) {
        const double base = m_y - lead * 0.76;
        text(f.id, f.size, G::left + indent, base, lines[k].text);
        if (k + 1 == lines.size()) {
          const double nw = m_m.width(serif, 10.5, num);
          const double num_x = G::page_w - G::right - nw;
          const double dot_w = m_m.width(serif, 10.5, ".");
          const double from = G::left + indent + lines[k].width + 6;
          const double to = G::page_w - G::right - num_w + 2;
          if (dot_w > 0 && to > from) {
            const auto n = static_cast<std::size_t>((to - from) / dot_w);
            if (n > 0) text(serif, 10.5, to - static_cast<double>(n) * dot_w, base, std::string(n, '.'));
          }
          text(serif, 10.5, num_x, base, num);
        }
        m_y -= lead;
      }
      page().links.push_back(Link{G::left + indent, m_y, G::body_w - indent, top - m_y, id});
    }
    m_y -= 6;
  }

  void pdf(const Block& b, std::size_t i) {
    const int n = i < m_pdf_pages.size() ? m_pdf_pages[i] : 0;
    register_anchor(b, i);
    const std::string caption = b.text.empty() ? std::string("Lampiran") : b.text;
    for (int p = 0; p < n; ++p) {
      if (!m_out.pages.empty() && !m_page_empty) m_need_page = true;
      PageLayout& pg = page();
      pg.pdf_block = static_cast<int>(i);
      pg.pdf_page = p;
      std::string cap = caption + " \u2014 halaman " + std::to_string(p + 1) + " dari " + std::to_string(n);
      text(sans, 8.5, G::left, G::body_top - 9, fit_text(sans, 8.5, enc(cap), G::body_w));
      if (static_cast<std::size_t>(p) < b.page_texts.size())
        hidden_text(b.page_texts[static_cast<std::size_t>(p)], ExhibitArea::x, ExhibitArea::y, ExhibitArea::w, ExhibitArea::h);
      m_y = G::body_bottom;
    }
    m_need_page = true;
  }

  // A photo on a page of its own: the caption above, the facts (`pairs`) below, the picture
  // fitted into what is left between them (render keeps its aspect).
  void image(const Block& b, std::size_t i) {
    register_anchor(b, i);
    if (!m_out.pages.empty() && !m_page_empty) m_need_page = true;
    const std::string caption = b.text.empty() ? std::string("Foto") : b.text;
    text(sans, 8.5, G::left, G::body_top - 9, fit_text(sans, 8.5, enc(caption), G::body_w));
    const Font f{sans, 8.5, 11.0};
    std::vector<Line> facts;
    for (const auto& [k, v] : b.pairs)
      for (auto& l : break_lines(m_m, f, enc(k + ": " + v), G::body_w)) facts.push_back(std::move(l));
    // The picture keeps at least half the body; facts beyond that are cut (the manifest has them).
    const double max_facts_h = (G::body_top - G::body_bottom) / 2;
    while (!facts.empty() && static_cast<double>(facts.size()) * f.lead > max_facts_h) facts.pop_back();
    const double facts_h = static_cast<double>(facts.size()) * f.lead;
    double y = G::body_bottom + facts_h;
    for (const auto& l : facts) {
      text(f.id, f.size, G::left, y - f.lead * 0.76, l.text);
      y -= f.lead;
    }
    PageLayout& pg = page();
    pg.image_block = static_cast<int>(i);
    const double bottom = G::body_bottom + facts_h + (facts.empty() ? 0 : 8);
    pg.image_box = Box{G::left, bottom, G::body_w, G::body_top - 18 - bottom, false, -1};
    if (!b.page_texts.empty()) hidden_text(b.page_texts.front(), pg.image_box.x, pg.image_box.y, pg.image_box.w, pg.image_box.h);
    m_y = G::body_bottom;
    m_need_page = true;
  }

  // `utf8` laid invisibly over the area, line by line from its top, in a size that fits every
  // line in (down to 1 pt). Where a line stands says nothing of where its words are on the scan:
  // OCR positions are not kept, only the page the words are on.
  void hidden_text(const std::string& utf8, double x, double y, double w, double h) {
    if (utf8.empty() || w <= 0 || h <= 0) return;
    const std::string t = enc(utf8);
    double size = 9;
    std::vector<Line> lines;
    for (int k = 0; k < 8; ++k) {
      lines = break_lines(m_m, Font{serif, size, size * 1.15}, t, w);
      const double needed = static_cast<double>(lines.size()) * size * 1.15;
      if (needed <= h || size <= 1) break;
      size = std::max(1.0, std::floor(size * h / needed * 100) / 100);
    }
    double base = y + h - size;
    for (const auto& l : lines) {
      if (!l.text.empty()) {
        TextRun r{serif, size, x, base, 0, l.text};
        r.invisible = true;
        page().runs.push_back(std::move(r));
      }
      base -= size * 1.15;
    }
  }

  // Cuts `s` (Windows-1252) to `w` points, ending in an ellipsis when cut.
  std::string fit_text(FontId f, double size, std::string s, double w) const {
    if (m_m.width(f, size, s) <= w) return s;
    const double ell = m_m.width(f, size, "\x85");
    while (!s.empty() && m_m.width(f, size, s) + ell > w) s.pop_back();
    return s + "\x85";
  }

  void furniture() {
    const auto& fu = m_doc.furniture;
    const int n = static_cast<int>(m_out.pages.size());
    auto fill = [&](const std::string& t, int page_no) {
      std::string s = t;
      s = replace(std::move(s), k_page_marker, std::to_string(page_no));
      s = replace(std::move(s), k_pages_marker, std::to_string(n));
      return enc(s);
    };
    for (int i = 0; i < n; ++i) {
      PageLayout& pg = m_out.pages[static_cast<std::size_t>(i)];
      if (i > 0 || fu.on_first_page) {
        if (!fu.header.empty()) {
          const std::string h = fit_text(sans, 8.5, fill(fu.header, i + 1), G::body_w);
          pg.runs.push_back(TextRun{sans, 8.5, G::left, G::header_y, 0, h});
          pg.boxes.push_back(Box{G::left, G::header_y - 5, G::body_w, 0.4, true});
        }
        if (!fu.footer.empty()) {
          const std::string f = fit_text(sans, 9, fill(fu.footer, i + 1), G::body_w);
          const double fw = m_m.width(sans, 9, f);
          pg.runs.push_back(TextRun{sans, 9, G::left + (G::body_w - fw) / 2, G::footer_y, 0, f});
        }
      }
      if (!fu.stamp_prefix.empty()) {
        std::string num = std::to_string(fu.stamp_start + i);
        if (static_cast<int>(num.size()) < fu.stamp_digits)
          num.insert(0, static_cast<std::size_t>(fu.stamp_digits) - num.size(), '0');
        const std::string s = enc(fu.stamp_prefix + num);
        const double sw = m_m.width(sans_bold, 9, s);
        double x = G::page_w - G::right - sw, y = G::stamp_bottom_y;
        if (fu.stamp_position == StampPosition::bottom_left) x = G::left;
        if (fu.stamp_position == StampPosition::top_right) y = G::stamp_top_y;
        pg.runs.push_back(TextRun{sans_bold, 9, x, y, 0, s});
      }
    }
  }

  static std::string replace(std::string s, std::string_view from, const std::string& to) {
    for (std::size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size()))
      s.replace(p, from.size(), to);
    return s;
  }

  const LayoutDocument& m_doc;
  const Metrics& m_m;
  const std::vector<int>& m_pdf_pages;
  const std::map<std::string, AnchorPages>& m_known;
  LaidOut m_out;
  double m_y = G::body_top;
  bool m_need_page = true;
  bool m_page_empty = true;
  int m_last_content = 0;
  std::vector<std::size_t> m_open;     // anchors whose range is still growing, outermost first
  std::vector<std::size_t> m_pending;  // anchors waiting for their first drawn content
};

}  // namespace

LaidOut lay_out(const LayoutDocument& doc, const Metrics& metrics, const std::vector<int>& pdf_pages,
                const std::map<std::string, AnchorPages>& known) {
  return Engine(doc, metrics, pdf_pages, known).run();
}

}  // namespace berkas::bundle::internal
