package xlsxcell

import (
	"testing"
	"time"
)

func TestWidth(t *testing.T) {
	tests := []struct {
		line string
		want int
	}{
		{"", 0}, {"103", 3}, {"施設", 4}, {"１０３施設", 10}, {"ﾍﾞｰｼｯｸ", 6}, {"○×", 4}, {"J-MELS講習", 10},
	}
	for _, tt := range tests {
		if got := Width(tt.line); got != tt.want {
			t.Errorf("Width(%q) = %d, want %d", tt.line, got, tt.want)
		}
	}
}

func TestLines(t *testing.T) {
	tests := []struct {
		text     string
		colWidth float64
		want     int
	}{
		{"", 10, 1},
		{"あいうえ", 10, 1},      // 8 units in 9
		{"あいうえお", 10, 2},     // 10 units in 9
		{"a\n\nb", 10, 3},    // an empty line still takes one
		{"あいうえおかきくけこ", 5, 5}, // 20 units, 4 a line
		{"abc", 0.5, 3},      // a column too narrow for anything: a character a line
	}
	for _, tt := range tests {
		if got := Lines(tt.text, tt.colWidth); got != tt.want {
			t.Errorf("Lines(%q, %v) = %d, want %d", tt.text, tt.colWidth, got, tt.want)
		}
	}
}

func TestSerial(t *testing.T) {
	tests := []struct {
		day  time.Time
		want float64
	}{
		{time.Date(2010, 2, 1, 0, 0, 0, 0, time.UTC), 40210},
		{time.Date(2010, 11, 1, 0, 0, 0, 0, time.UTC), 40483},
		{time.Date(1900, 3, 1, 0, 0, 0, 0, time.UTC), 61},
		{time.Date(2019, 5, 1, 0, 0, 0, 0, time.UTC), 43586},
		{time.Date(2018, 3, 31, 23, 59, 0, 0, time.FixedZone("JST", 9*3600)), 43190}, // the day in its own zone
	}
	for _, tt := range tests {
		if got := Serial(tt.day); got != tt.want {
			t.Errorf("Serial(%v) = %v, want %v", tt.day, got, tt.want)
		}
	}
}
