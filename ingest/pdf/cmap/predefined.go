package cmap

import (
	"embed"
	"fmt"
	"sync"
)

// files holds Adobe's CMap resources for Adobe-Japan1, unmodified; see
// Adobe-Japan1/README.md.
//
//go:embed Adobe-Japan1
var files embed.FS

// cache holds the predefined CMaps parsed so far, and the error each gave:
// each is parsed at most once per process, then shared. One mutex guards
// all loads; a load runs while holding it, its usecmap parents included, so
// that no load waits for another and no CMap is parsed twice.
var cache struct {
	sync.Mutex
	maps map[string]loaded
}

type loaded struct {
	cmap *CMap
	err  error
}

// Predefined returns the predefined CMap of this name: Identity-H,
// Identity-V, or one of the Adobe-Japan1 CMaps a PDF can name as a Type0
// font's /Encoding (H, V, EUC-H, EUC-V, RKSJ-H, RKSJ-V, 83pv-RKSJ-H,
// 90ms-RKSJ-H, 90ms-RKSJ-V, 90msp-RKSJ-H, 90msp-RKSJ-V, 90pv-RKSJ-H,
// 90pv-RKSJ-V, Add-RKSJ-H, Add-RKSJ-V, Ext-RKSJ-H, Ext-RKSJ-V,
// UniJIS-UCS2-H, UniJIS-UCS2-V, UniJIS-UCS2-HW-H, UniJIS-UCS2-HW-V,
// UniJIS-UTF16-H, UniJIS-UTF16-V). Another name gives an error wrapping
// ErrUnknownCMap. The CMap is parsed on first use and shared afterwards.
func Predefined(name string) (*CMap, error) {
	if name == "Adobe-Japan1-UCS2" {
		return nil, fmt.Errorf("cmap: %s is no encoding, see CIDToUnicode: %w", name, ErrUnknownCMap)
	}
	return resolvePredefined(name, 0)
}

// CIDToUnicode returns the map from CIDs to Unicode text of a character
// collection: its codes are CIDs, and its Unicode method gives their text.
// Only Adobe-Japan1 is shipped (as Adobe's Adobe-Japan1-UCS2); other
// collections give an error wrapping ErrUnknownCollection. CID 0 (.notdef)
// has no text.
func CIDToUnicode(registry, ordering string) (*CMap, error) {
	if registry != "Adobe" || ordering != "Japan1" {
		return nil, fmt.Errorf("cmap: collection %s-%s: %w", registry, ordering, ErrUnknownCollection)
	}
	return resolvePredefined("Adobe-Japan1-UCS2", 0)
}

// resolvePredefined returns a predefined CMap, for Predefined and for a
// usecmap in a parsed CMap.
func resolvePredefined(name string, depth int) (*CMap, error) {
	cache.Lock()
	defer cache.Unlock()
	return loadLocked(name, depth)
}

// loadLocked returns a predefined CMap, parsing it if need be. The cache
// is locked.
func loadLocked(name string, depth int) (*CMap, error) {
	if l, ok := cache.maps[name]; ok {
		return l.cmap, l.err
	}
	c, err := build(name, depth)
	if cache.maps == nil {
		cache.maps = make(map[string]loaded)
	}
	cache.maps[name] = loaded{c, err}
	return c, err
}

// build makes a predefined CMap.
func build(name string, depth int) (*CMap, error) {
	switch {
	case name == "Identity-H" || name == "Identity-V":
		return identity(name), nil
	case !shipped(name):
		return nil, fmt.Errorf("cmap: %q: %w", name, ErrUnknownCMap)
	}
	data, err := files.ReadFile("Adobe-Japan1/" + name)
	if err != nil {
		return nil, fmt.Errorf("cmap: %q: %w", name, err)
	}
	c, err := parse(data, loadLocked, depth)
	if err != nil {
		return c, fmt.Errorf("cmap: predefined %s: %w", name, err)
	}
	return c, nil
}

// shipped reports whether name is one of the embedded CMap files.
func shipped(name string) bool {
	switch name {
	case "83pv-RKSJ-H", "90ms-RKSJ-H", "90ms-RKSJ-V", "90msp-RKSJ-H",
		"90msp-RKSJ-V", "90pv-RKSJ-H", "90pv-RKSJ-V", "Add-RKSJ-H",
		"Add-RKSJ-V", "EUC-H", "EUC-V", "Ext-RKSJ-H", "Ext-RKSJ-V", "H", "V",
		"RKSJ-H", "RKSJ-V", "UniJIS-UCS2-H", "UniJIS-UCS2-V",
		"UniJIS-UCS2-HW-H", "UniJIS-UCS2-HW-V", "UniJIS-UTF16-H",
		"UniJIS-UTF16-V", "Adobe-Japan1-UCS2":
		return true
	}
	return false
}

// identity returns Identity-H or Identity-V: 2-byte codes, each the CID
// of the same value.
func identity(name string) *CMap {
	c := &CMap{
		name:     name,
		registry: "Adobe",
		ordering: "Identity",
		vertical: name == "Identity-V",
		spaces:   []codespace{{n: 2, hi: [4]byte{0xFF, 0xFF}}},
		cids:     newTable([]span{{0, 0xFFFF, 0}}),
	}
	for b := range c.first {
		c.first[b] = 2
	}
	return c
}
