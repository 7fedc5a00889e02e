// Gen writes the Japanese era date oracle used by normalize/oracle_test.go.
//
// Run it as:
//
//	cd normalize/testdata/oracle && java Gen.java
//
// It writes days.tsv.gz, months.tsv.gz and boundary.tsv.gz into the current
// directory. Every era fact (which era covers a day, the year of era, where
// eras change) comes from java.time.chrono.JapaneseDate; only the era names
// and notations are written here. The output is byte-identical on every run:
// GZIPOutputStream writes an mtime of 0 and the content is deterministic.

import java.io.BufferedWriter;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.chrono.JapaneseDate;
import java.time.chrono.JapaneseEra;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

public class Gen {
    /** The first day Java's JapaneseDate supports (Meiji 6). */
    static final LocalDate FIRST = LocalDate.of(1873, 1, 1);
    /** The last day of the oracle. */
    static final LocalDate LAST = LocalDate.of(2100, 12, 31);

    static final String BAD_DATE = "bad_date";
    static final String OUTSIDE = "date_outside_era";

    /** Notations of one era. */
    record Names(String kanji, String latin, String ligature) {}

    static final Map<JapaneseEra, Names> NAMES = new LinkedHashMap<>();

    static {
        NAMES.put(JapaneseEra.MEIJI, new Names("明治", "M", "\u337E"));
        NAMES.put(JapaneseEra.TAISHO, new Names("大正", "T", "\u337D"));
        NAMES.put(JapaneseEra.SHOWA, new Names("昭和", "S", "\u337C"));
        NAMES.put(JapaneseEra.HEISEI, new Names("平成", "H", "\u337B"));
        NAMES.put(JapaneseEra.REIWA, new Names("令和", "R", "\u32FF"));
    }

    /** What Java says about one era, learnt by walking the days. */
    static final class EraInfo {
        final JapaneseEra era;
        int startYear;          // Gregorian year of era year 1
        LocalDate firstDay;     // first day in the oracle range (null for Meiji: before range)
        LocalDate lastDay;      // last day in the oracle range
        int lastEraYear;        // era year of lastDay

        EraInfo(JapaneseEra era) {
            this.era = era;
        }
    }

    static final String[] DIGITS = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};

    /** Kanji numeral in 十 style: 1 一, 10 十, 12 十二, 20 二十, 64 六十四, 100 百. */
    static String kanjiJu(int n) {
        if (n <= 0 || n > 9999) {
            throw new IllegalArgumentException("kanjiJu: " + n);
        }
        String[] units = {"千", "百", "十", ""};
        int[] scales = {1000, 100, 10, 1};
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < scales.length; i++) {
            int d = (n / scales[i]) % 10;
            if (d == 0) {
                continue;
            }
            if (d != 1 || scales[i] == 1) {
                sb.append(DIGITS[d]);
            }
            sb.append(units[i]);
        }
        return sb.toString();
    }

    /** Kanji numeral in 〇 style (positional digits): 10 一〇, 22 二二, 2010 二〇一〇. */
    static String kanjiZero(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("kanjiZero: " + n);
        }
        StringBuilder sb = new StringBuilder();
        for (char c : Integer.toString(n).toCharArray()) {
            sb.append(DIGITS[c - '0']);
        }
        return sb.toString();
    }

    /** Era year in the kanji-era notations: 元 for 1, else the given numeral. */
    static String eraYear(int y, String numeral) {
        return y == 1 ? "元" : numeral;
    }

    static String iso(LocalDate d) {
        return String.format("%04d-%02d-%02d", d.getYear(), d.getMonthValue(), d.getDayOfMonth());
    }

    /** Whether Java puts day d (on or after FIRST) in the given era. */
    static boolean inEra(LocalDate d, JapaneseEra era) {
        return JapaneseDate.from(d).getEra().equals(era);
    }

    static Writer open(String name) throws IOException {
        return new BufferedWriter(new OutputStreamWriter(
                new GZIPOutputStream(new FileOutputStream(name), 1 << 16), StandardCharsets.UTF_8), 1 << 16);
    }

    static void line(Writer w, String... cols) throws IOException {
        w.write(String.join("\t", cols));
        w.write('\n');
    }

    public static void main(String[] args) throws IOException {
        // Learn the eras from Java by walking every day of the range.
        Map<JapaneseEra, EraInfo> infos = new LinkedHashMap<>();
        List<EraInfo> changes = new ArrayList<>(); // eras that begin inside the range
        JapaneseEra prev = null;
        for (LocalDate d = FIRST; !d.isAfter(LAST); d = d.plusDays(1)) {
            JapaneseDate jd = JapaneseDate.from(d);
            JapaneseEra era = jd.getEra();
            if (!NAMES.containsKey(era)) {
                throw new IllegalStateException("unknown era " + era + " on " + d);
            }
            int y = jd.get(ChronoField.YEAR_OF_ERA);
            EraInfo info = infos.get(era);
            if (info == null) {
                info = new EraInfo(era);
                info.startYear = d.getYear() - y + 1;
                infos.put(era, info);
                if (prev != null) {
                    info.firstDay = d;
                    changes.add(info);
                }
            }
            if (d.getYear() - y + 1 != info.startYear) {
                throw new IllegalStateException("inconsistent year of era on " + d);
            }
            info.lastDay = d;
            info.lastEraYear = y;
            prev = era;
        }
        if (!infos.keySet().equals(NAMES.keySet())) {
            throw new IllegalStateException("eras seen " + infos.keySet() + ", want " + NAMES.keySet());
        }
        for (EraInfo info : infos.values()) {
            System.err.printf("%s (%s): starts %s, era year 1 = %d, last in range %s (year %d)%n",
                    NAMES.get(info.era).kanji, info.era, info.firstDay == null ? "before " + FIRST : info.firstDay,
                    info.startYear, info.lastDay, info.lastEraYear);
        }

        writeDays(infos);
        writeMonths(infos);
        writeBoundary(infos, changes);
    }

    static void writeDays(Map<JapaneseEra, EraInfo> infos) throws IOException {
        int n = 0;
        try (Writer w = open("days.tsv.gz")) {
            line(w, "#iso", "era", "latin", "ligature", "kanji", "kanji0", "gregorian", "gregorian_kanji0");
            for (LocalDate d = FIRST; !d.isAfter(LAST); d = d.plusDays(1)) {
                JapaneseDate jd = JapaneseDate.from(d);
                Names nm = NAMES.get(jd.getEra());
                int y = jd.get(ChronoField.YEAR_OF_ERA);
                int m = d.getMonthValue();
                int day = d.getDayOfMonth();
                line(w,
                        iso(d),
                        nm.kanji + eraYear(y, Integer.toString(y)) + "年" + m + "月" + day + "日",
                        nm.latin + y + "." + m + "." + day,
                        nm.ligature + y + "年" + m + "月" + day + "日",
                        nm.kanji + eraYear(y, kanjiJu(y)) + "年" + kanjiJu(m) + "月" + kanjiJu(day) + "日",
                        nm.kanji + kanjiZero(y) + "年" + kanjiZero(m) + "月" + kanjiZero(day) + "日",
                        d.getYear() + "年" + m + "月" + day + "日",
                        kanjiZero(d.getYear()) + "年" + kanjiZero(m) + "月" + kanjiZero(day) + "日");
                n++;
            }
        }
        System.err.printf("days.tsv.gz: %d days%n", n);
    }

    static void writeMonths(Map<JapaneseEra, EraInfo> infos) throws IOException {
        int n = 0;
        try (Writer w = open("months.tsv.gz")) {
            line(w, "#era", "latin", "expected");
            for (EraInfo info : infos.values()) {
                Names nm = NAMES.get(info.era);
                // An era that still runs at the end of the range (令和) goes up
                // to the era year of LAST; an ended era goes two years past its end.
                boolean ended = info.lastDay.isBefore(LAST);
                int maxYear = ended ? info.lastEraYear + 2 : info.lastEraYear;
                for (int y = 1; y <= maxYear; y++) {
                    for (int m = 1; m <= 12; m++) {
                        YearMonth ym = YearMonth.of(info.startYear + y - 1, m);
                        String expected;
                        if (ym.atEndOfMonth().isBefore(FIRST)) {
                            expected = BAD_DATE;
                        } else {
                            expected = OUTSIDE;
                            for (int day = 1; day <= ym.lengthOfMonth(); day++) {
                                LocalDate d = ym.atDay(day);
                                if (!d.isBefore(FIRST) && !d.isAfter(LAST) && inEra(d, info.era)) {
                                    expected = String.format("%04d-%02d", ym.getYear(), m);
                                    break;
                                }
                            }
                        }
                        line(w,
                                nm.kanji + eraYear(y, Integer.toString(y)) + "年" + m + "月",
                                nm.latin + y + "." + m,
                                expected);
                        n++;
                    }
                }
            }
        }
        System.err.printf("months.tsv.gz: %d year-months%n", n);
    }

    static void writeBoundary(Map<JapaneseEra, EraInfo> infos, List<EraInfo> changes) throws IOException {
        int n = 0;
        int skipped = 0;
        List<JapaneseEra> order = new ArrayList<>(infos.keySet());
        try (Writer w = open("boundary.tsv.gz")) {
            line(w, "#text", "expected");

            // Every day within 40 days of each era change, in both eras' notations.
            for (EraInfo next : changes) {
                EraInfo before = infos.get(order.get(order.indexOf(next.era) - 1));
                for (int off = -40; off <= 40; off++) {
                    LocalDate d = next.firstDay.plusDays(off);
                    for (EraInfo info : new EraInfo[] {before, next}) {
                        Names nm = NAMES.get(info.era);
                        int y = d.getYear() - info.startYear + 1;
                        if (y < 1) {
                            // Era year 0 (e.g. 平成0年12月) is no notation at all; leave it out.
                            skipped++;
                            continue;
                        }
                        String expected = inEra(d, info.era) ? iso(d) : OUTSIDE;
                        int m = d.getMonthValue();
                        int day = d.getDayOfMonth();
                        line(w, nm.kanji + eraYear(y, Integer.toString(y)) + "年" + m + "月" + day + "日", expected);
                        line(w, nm.latin + y + "." + m + "." + day, expected);
                        n += 2;
                    }
                }
            }

            // Calendar-impossible days for every era year of 平成 and 令和.
            for (JapaneseEra era : new JapaneseEra[] {JapaneseEra.HEISEI, JapaneseEra.REIWA}) {
                EraInfo info = infos.get(era);
                String k = NAMES.get(era).kanji;
                for (int y = 1; y <= info.lastEraYear; y++) {
                    int gy = info.startYear + y - 1;
                    String prefix = k + eraYear(y, Integer.toString(y)) + "年";
                    String leap;
                    if (!YearMonth.of(gy, 2).isValidDay(29)) {
                        leap = BAD_DATE;
                    } else {
                        LocalDate d = LocalDate.of(gy, 2, 29);
                        leap = inEra(d, era) ? iso(d) : OUTSIDE;
                    }
                    line(w, prefix + "2月29日", leap);
                    line(w, prefix + "4月31日", BAD_DATE);
                    line(w, prefix + "13月1日", BAD_DATE);
                    line(w, prefix + "2月30日", BAD_DATE);
                    line(w, prefix + "0月1日", BAD_DATE);
                    n += 5;
                }
            }

            // The edge of what Java supports.
            line(w, "明治5年12月31日", BAD_DATE);
            line(w, "明治6年1月1日", iso(FIRST));
            n += 2;
        }
        System.err.printf("boundary.tsv.gz: %d cases (%d era-year-0 days left out)%n", n, skipped);
    }
}
