package report

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"perinet"
	"perinet/normalize"
)

// summarize writes the trends-and-issues sentences (取組の傾向及び課題) from
// the figures of a: who reported, whose files were rejected and who sent
// nothing, the items every group does, item 5's sharing, the items fewer
// than half do, the changes from the earlier year over the groups that
// reported in both, the groups that stopped an item, and the files with
// problems; and, when the report draws no trend, why. Each sentence is
// written only when it has something to say.
func summarize(survey *perinet.Survey, a Analysis, cur, prev *yearRecords, absent absence, subs []Submission) []string {
	var out []string
	add := func(s string) {
		if s != "" {
			out = append(out, s)
		}
	}
	add(reportedSentence(a.FiscalYear, cur, absent))
	add(rejectedSentence(absent))
	if prev != nil {
		add(missingSentence(absent, yearWord(a.FiscalYear, a.Previous)))
	}
	if a.Groups > 0 {
		add(allDoneSentence(a.Items, a.Groups, a.Sharing.Item))
		add(sharingSentence(a.Items, a.Sharing))
		for _, s := range a.Items {
			if fewGroups(survey, s.ItemCount) {
				out = append(out, fmt.Sprintf("項目%d（%s）を実施しているグループは%dグループ（%dグループ中）で、半数に満たない。",
					s.No, s.Label, s.Done, s.Reported))
			}
		}
	}
	if prev != nil {
		add(newItemsSentence(a.Items, yearWord(a.FiscalYear, a.Previous)))
		out = append(out, changeSentences(a.Items, len(bothYears(cur, prev)), yearWord(a.FiscalYear, a.Previous))...)
		add(stoppedSentence(stoppedItems(survey, cur, prev), yearWord(a.FiscalYear, a.Previous)))
		add(startSentence(cur, prev))
		add(countSentence(survey, cur, prev))
	}
	add(noTrendNote(a))
	add(problemSentence(subs))
	return out
}

// reportedSentence says how many groups reported, of each tier; when none
// did, whether some sent files that were rejected.
func reportedSentence(fy int, cur *yearRecords, absent absence) string {
	if len(cur.blocks) == 0 {
		if len(absent.rejected) > 0 {
			return normalize.EraFiscalYear(fy) + "に受理した報告はない。"
		}
		return normalize.EraFiscalYear(fy) + "の報告はない。"
	}
	tiers := map[perinet.Tier]int{}
	for _, b := range cur.blocks {
		tiers[cur.byName[b].Tier]++
	}
	var parts []string
	if n := tiers[perinet.Network]; n > 0 {
		parts = append(parts, "ネットワークグループ"+strconv.Itoa(n))
	}
	if n := tiers[perinet.Subgroup]; n > 0 {
		parts = append(parts, "サブグループ"+strconv.Itoa(n))
	}
	return fmt.Sprintf("%sは%dグループ（%s）から報告があった。", normalize.EraFiscalYear(fy), len(cur.blocks), strings.Join(parts, "、"))
}

// rejectedSentence names the groups whose files of the year were all
// rejected (不受理).
func rejectedSentence(absent absence) string {
	if len(absent.rejected) == 0 {
		return ""
	}
	blocks := make([]string, len(absent.rejected))
	for i, r := range absent.rejected {
		blocks[i] = r.block
	}
	return joinAnd(blocks) + "は提出があったが、不備があり受理されていない（不受理）。"
}

// missingSentence names the groups that reported in the earlier year and
// sent nothing this year (未提出).
func missingSentence(absent absence, before string) string {
	if len(absent.missing) == 0 {
		return ""
	}
	return fmt.Sprintf("%sに報告のあった%sから、今年度の報告がない（未提出）。", before, joinAnd(absent.missing))
}

// allDoneSentence names the items every group did, leaving the sharing
// item (number sharing) to its own sentence.
func allDoneSentence(stats []ItemStat, groups, sharing int) string {
	var nos []int
	var label string
	for _, s := range stats {
		if s.No != sharing && s.Done == groups {
			nos = append(nos, s.No)
			label = s.Label
		}
	}
	switch len(nos) {
	case 0:
		return ""
	case 1:
		return fmt.Sprintf("項目%d（%s）は%dグループすべてで実施されている。", nos[0], label, groups)
	}
	return fmt.Sprintf("%sは%dグループすべてで実施されている。", itemList(nos), groups)
}

// sharingSentence says how many groups do item 5, and how few share
// information about individual patients: "にとどまる" when fewer than half
// the groups reporting do, as for the items of FewGroups.
func sharingSentence(stats []ItemStat, sh Sharing) string {
	var s *ItemStat
	for i := range stats {
		if sh.Item != 0 && stats[i].No == sh.Item {
			s = &stats[i]
		}
	}
	if s == nil {
		return ""
	}
	head := fmt.Sprintf("項目%d（%s）", s.No, s.Label)
	n := len(sh.Individual)
	const individual = "共通診療ノート等による個別の妊産婦の情報共有"
	switch {
	case s.Done == 0 && n == 0:
		return head + "を実施しているグループはない。"
	case s.Done == 0:
		return fmt.Sprintf("%sを実施しているグループはないが、%sは%dグループで行われている。", head, individual, n)
	}
	done := fmt.Sprintf("%dグループ中%dグループ", s.Reported, s.Done)
	if s.Done == s.Reported {
		done = fmt.Sprintf("%dグループすべて", s.Done)
	}
	switch {
	case n == 0:
		return fmt.Sprintf("%sは%sで実施されているが、%sを行っているグループはない。", head, done, individual)
	case 2*n < s.Reported:
		return fmt.Sprintf("%sは%sで実施されているが、%sは%dグループにとどまる。", head, done, individual, n)
	}
	return fmt.Sprintf("%sは%sで実施されており、%sも%dグループで行われている。", head, done, individual, n)
}

// changeSentences say how the share of the groups doing each item changed
// from the earlier year, over the groups that reported in both years
// (groups of them; see Comparison): a sentence naming them, then one for
// the items that went from the same count to the same count (項目6及び8を
// 実施したグループの割合は、いずれも前年度の40%（10グループ中4グループ）
// から今年度は50%（10グループ中5グループ）に増えた。), in the order of
// their first item. An item whose share did not change is left out; when
// none changed, one sentence says so.
func changeSentences(stats []ItemStat, groups int, before string) []string {
	if groups == 0 {
		return []string{fmt.Sprintf("%sと今年度の両方に報告のあったグループがないため、%sからの変化は比べられない。", before, before)}
	}
	var order []Comparison
	items := map[Comparison][]int{}
	for _, s := range stats {
		if d, ok := s.Change(); ok && d != 0 {
			c := *s.Compared
			if _, seen := items[c]; !seen {
				order = append(order, c)
			}
			items[c] = append(items[c], s.No)
		}
	}
	if len(order) == 0 {
		return []string{fmt.Sprintf("%sと今年度の両方に報告のあった%dグループでは、各項目を実施したグループの割合に%sからの変化はない。", before, groups, before)}
	}
	out := []string{fmt.Sprintf("%sからの変化は、%sと今年度の両方に報告のあった%dグループについて比べた。", before, before, groups)}
	for _, c := range order {
		nos := items[c]
		each := ""
		if len(nos) > 1 {
			each = "いずれも"
		}
		verb := "増えた"
		if c.Is < c.Was {
			verb = "減った"
		}
		out = append(out, fmt.Sprintf("%sを実施したグループの割合は、%s%sの%sから今年度は%sに%s。",
			itemList(nos), each, before, shareText(c.Was, c.Groups), shareText(c.Is, c.Groups), verb))
	}
	return out
}

// newItemsSentence names the items the earlier year's survey did not
// ask, which the changes leave out: 項目9（…）は前年度の調査になかったため、比べていない。
func newItemsSentence(stats []ItemStat, before string) string {
	var nos []int
	var labels []string
	for _, s := range stats {
		if s.Prev == nil {
			nos = append(nos, s.No)
			labels = append(labels, s.Label)
		}
	}
	switch len(nos) {
	case 0:
		return ""
	case 1:
		return fmt.Sprintf("項目%d（%s）は%sの調査になかった項目のため、%sとは比べていない。", nos[0], labels[0], before, before)
	}
	return fmt.Sprintf("%sは%sの調査になかった項目のため、%sとは比べていない。", itemList(nos), before, before)
}

// shareText writes n groups of of as a share: 40%（10グループ中4グループ）.
func shareText(n, of int) string {
	return fmt.Sprintf("%d%%（%dグループ中%dグループ）", int(math.Round(float64(n)*100/float64(of))), of, n)
}

// stoppedSentence names the groups that stopped an item, with the items.
func stoppedSentence(stops []stop, before string) string {
	if len(stops) == 0 {
		return ""
	}
	var parts []string
	for i := 0; i < len(stops); {
		j, nos := i, []int(nil)
		for ; j < len(stops) && stops[j].block == stops[i].block; j++ {
			nos = append(nos, stops[j].def.No)
		}
		parts = append(parts, stops[i].block+"："+itemList(nos))
		i = j
	}
	return fmt.Sprintf("%sに実施していた項目を今年度は実施していないグループが%dグループある（%s）。",
		before, len(parts), strings.Join(parts, "、"))
}

// startSentence names the groups whose 開始年月 changed.
func startSentence(cur, prev *yearRecords) string {
	var blocks []string
	for _, b := range cur.blocks {
		if was, _ := startChange(cur, prev, b); was != nil {
			blocks = append(blocks, b)
		}
	}
	if len(blocks) == 0 {
		return ""
	}
	return fmt.Sprintf("%sの開始年月が%sの報告と異なる。", joinAnd(blocks), yearWord(cur.fy, prev.fy))
}

// countSentence names the groups whose facility count moved by more than
// CountMoveLimit.
func countSentence(survey *perinet.Survey, cur, prev *yearRecords) string {
	var out []string
	for _, def := range survey.Items {
		if !def.Counted {
			continue
		}
		var blocks []string
		for _, b := range cur.blocks {
			if _, _, ok := countMove(cur, prev, b, def.No); ok {
				blocks = append(blocks, b)
			}
		}
		if len(blocks) > 0 {
			out = append(out, fmt.Sprintf("%sの項目%d（%s）の配布先の施設数が、%sから%d%%を超えて増減した。",
				joinAnd(blocks), def.No, def.Label, yearWord(cur.fy, prev.fy), int(CountMoveLimit*100)))
		}
	}
	return strings.Join(out, "")
}

// problemSentence says how many of the year's files were rejected for
// their errors, and how many of those accepted carried warnings.
func problemSentence(subs []Submission) string {
	t := tallyFiles(subs)
	switch {
	case t.rejected == 0 && t.warned == 0:
		return ""
	case t.rejected == 0:
		return fmt.Sprintf("今年度に提出された%d件のファイルはすべて受理したが、うち%d件に確認を要する点（%s）がある。",
			t.files, t.warned, problemText(0, t.warnings))
	}
	text := fmt.Sprintf("今年度に提出された%d件のファイルのうち%d件は、エラーがあるため受理していない（不受理）。", t.files, t.rejected)
	if t.warned > 0 {
		text += fmt.Sprintf("受理した%d件のうち%d件に、確認を要する点（%s）がある。", t.files-t.rejected, t.warned, problemText(0, t.warnings))
	}
	return text
}

// itemList names items: 項目6, 項目6及び7, 項目1、2及び4, 項目1から4まで.
func itemList(nos []int) string {
	run := len(nos) >= 3
	for i := 1; i < len(nos); i++ {
		run = run && nos[i] == nos[i-1]+1
	}
	if run {
		return fmt.Sprintf("項目%dから%dまで", nos[0], nos[len(nos)-1])
	}
	s := make([]string, len(nos))
	for i, n := range nos {
		s[i] = strconv.Itoa(n)
	}
	return "項目" + joinAnd(s)
}

// joinAnd joins words as Japanese official writing lists them:
// A, A及びB, A、B及びC.
func joinAnd(words []string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], "、") + "及び" + words[len(words)-1]
}

// yearWord names the earlier fiscal year as seen from fy: 前年度 when it is
// the year before, else the year itself (平成26年度).
func yearWord(fy, prev int) string {
	if prev == fy-1 {
		return "前年度"
	}
	return normalize.EraFiscalYear(prev)
}

// paragraphs splits the secretariat's text at blank lines. Each paragraph
// keeps its lines as written, joined by "\n"; only line endings (CRLF, CR)
// and a leading byte-order mark are normalized.
func paragraphs(text string) []string {
	text = strings.TrimPrefix(text, "\uFEFF")
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	var out, para []string
	flush := func() {
		if len(para) > 0 {
			out = append(out, strings.Join(para, "\n"))
			para = nil
		}
	}
	for _, line := range strings.Split(text, "\n") {
		if strings.TrimSpace(line) == "" {
			flush()
			continue
		}
		para = append(para, line)
	}
	flush()
	return out
}
