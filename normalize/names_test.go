package normalize

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"perinet"
)

func testNames(t *testing.T) *Names {
	t.Helper()
	n, err := NewNames(perinet.DefaultSurvey())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestBlock(t *testing.T) {
	names := testNames(t)
	tests := []struct {
		text, block string
		tier        perinet.Tier
	}{
		{"区中央部", "区中央部", perinet.Network},
		{"区 中央部", "区中央部", perinet.Network},
		{"区中央部ブロック", "区中央部", perinet.Network},
		{"区中央部ネットワークグループ", "区中央部", perinet.Network},
		{"多摩地域", "多摩地域", perinet.Network},
		{"多摩", "多摩地域", perinet.Network},
		{"島しょ", "島しょ", perinet.Network},
		{"島嶼", "島しょ", perinet.Network},
		{"西多摩", "西多摩", perinet.Subgroup},
		{"西多摩サブグループ", "西多摩", perinet.Subgroup},
		{"南多摩（町田市除く）", "南多摩（町田市除く）", perinet.Subgroup},
		{"南多摩(町田市除く)", "南多摩（町田市除く）", perinet.Subgroup},
		{"南多摩 町田市除く", "南多摩（町田市除く）", perinet.Subgroup},
		{"南多摩\n（町田市除く）", "南多摩（町田市除く）", perinet.Subgroup},
		{"南多摩（町田市を除く）", "南多摩（町田市除く）", perinet.Subgroup},
		{"南多摩（町田市）", "南多摩（町田市）", perinet.Subgroup},
		{"南多摩(町田市)", "南多摩（町田市）", perinet.Subgroup},
		{"北多摩西部", "北多摩西部", perinet.Subgroup},
		{"区⻄南部", "区西南部", perinet.Network}, // ⻄ U+2EC4, CJK RADICAL WEST TWO
		{"⻄多摩", "西多摩", perinet.Subgroup},
		{"北多摩⻄部", "北多摩西部", perinet.Subgroup},
		{"ｷﾀ", "", ""},
	}
	for _, tt := range tests {
		b, p := names.Block(tt.text)
		if tt.block == "" {
			if p == nil || p.Code != perinet.UnknownBlock || p.Severity != perinet.Error {
				t.Errorf("Block(%q) = %+v, %v; want unknown_block", tt.text, b, p)
			}
			continue
		}
		if p != nil || b.Name != tt.block || b.Tier != tt.tier {
			t.Errorf("Block(%q) = %s %s, %v; want %s %s", tt.text, b.Name, b.Tier, p, tt.block, tt.tier)
		}
		if tt.tier == perinet.Subgroup && b.Parent != "多摩地域" {
			t.Errorf("Block(%q).Parent = %q, want 多摩地域", tt.text, b.Parent)
		}
	}
	if b, p := names.Block(" "); b.Name != "" || p != nil {
		t.Errorf("Block(blank) = %+v, %v; want nothing", b, p)
	}
}

func TestHospital(t *testing.T) {
	names := testNames(t)
	tests := []struct{ text, want string }{
		{"墨東", "東京都立墨東病院"},
		{"都立墨東病院", "東京都立墨東病院"},
		{"東京都立 墨東病院", "東京都立墨東病院"},
		{"日医大\n多摩永山", "日本医科大学多摩永山病院"},
		{"ＫＫＲ立川病院", "国家公務員共済組合連合会立川病院"},
		{"kkr立川病院", "国家公務員共済組合連合会立川病院"},
		{"武蔵野赤十字病院", "武蔵野赤十字病院"},
		{"杏林大学医学部附属病院", "杏林大学医学部付属病院"},
		{"日本大学医学部付属板橋病院", "日本大学医学部附属板橋病院"},
		{"武蔵野⾚⼗字病院", "武蔵野赤十字病院"}, // ⾚ U+2F9A, ⼗ U+2F17
		{"⽇医⼤多摩永⼭", "日本医科大学多摩永山病院"},
	}
	for _, tt := range tests {
		if got, p := names.Hospital(tt.text); p != nil || got != tt.want {
			t.Errorf("Hospital(%q) = %q, %v; want %q", tt.text, got, p, tt.want)
		}
	}
	got, p := names.Hospital("さくら病院 ")
	if got != "さくら病院" || p == nil || p.Code != perinet.UnknownHospital || p.Severity != perinet.Warning {
		t.Errorf("Hospital(unknown) = %q, %+v; want the name as written and an unknown_hospital warning", got, p)
	}
}

// TestSeedHospitals checks every short and full name of the published
// FY2016 table.
func TestSeedHospitals(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "shared", "seed", "fy2016-status.json"))
	if err != nil {
		t.Skipf("the seed is not beside the project: %v", err)
	}
	var seed struct {
		Rows []struct {
			Block, Hospital string
		}
		FullNames map[string]string `json:"hospital_full_names"`
	}
	if err := json.Unmarshal(b, &seed); err != nil {
		t.Fatal(err)
	}
	names := testNames(t)
	for short, full := range seed.FullNames {
		for _, text := range []string{short, full} {
			if got, p := names.Hospital(text); p != nil || got != full {
				t.Errorf("Hospital(%q) = %q, %v; want %q", text, got, p, full)
			}
		}
	}
	for _, r := range seed.Rows {
		if b, p := names.Block(r.Block); p != nil || b.Name != r.Block {
			t.Errorf("Block(%q) = %q, %v", r.Block, b.Name, p)
		}
	}
}

func TestHospitalAliasFile(t *testing.T) {
	s := perinet.DefaultSurvey()
	file := "# 事務局が追加した別名\n広尾 = 東京都立広尾病院\n\nボクトウ ＝ 東京都立墨東病院\n"
	if err := s.AddHospitalAliases(strings.NewReader(file)); err != nil {
		t.Fatal(err)
	}
	names, err := NewNames(s)
	if err != nil {
		t.Fatal(err)
	}
	for text, want := range map[string]string{"広尾": "東京都立広尾病院", "東京都立広尾病院": "東京都立広尾病院", "ボクトウ": "東京都立墨東病院", "墨東": "東京都立墨東病院"} {
		if got, p := names.Hospital(text); p != nil || got != want {
			t.Errorf("Hospital(%q) = %q, %v; want %q", text, got, p, want)
		}
	}

	s = perinet.DefaultSurvey()
	if err := s.AddHospitalAliases(strings.NewReader("日赤 = 武蔵野赤十字病院\n")); err != nil {
		t.Fatal(err)
	}
	if _, err := NewNames(s); err == nil || !strings.Contains(err.Error(), "日赤") {
		t.Errorf("NewNames with 日赤 naming two hospitals: err = %v, want one naming 日赤", err)
	}
}
