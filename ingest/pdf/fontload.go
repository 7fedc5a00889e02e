package pdf

import (
	"sort"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"perinet/ingest/pdf/cmap"
	"perinet/ingest/pdf/fontenc"
	"perinet/ingest/pdf/sfnt"
)

// pageResources is a resource dictionary of the file.
type pageResources struct {
	doc  *document
	dict types.Dict
}

func (r pageResources) font(name string) *font {
	fonts := r.doc.dict(r.dict["Font"])
	o, ok := fonts[name]
	if !ok {
		return nil
	}
	ref, isRef := o.(types.IndirectRef)
	if isRef {
		if f, ok := r.doc.fonts[ref.ObjectNumber.Value()]; ok {
			return f
		}
	}
	f := r.doc.loadFont(r.doc.dict(o))
	if isRef {
		r.doc.fonts[ref.ObjectNumber.Value()] = f
	}
	return f
}

func (r pageResources) form(name string) (form, bool) {
	o, ok := r.doc.dict(r.dict["XObject"])[name]
	if !ok {
		return form{}, false
	}
	sd, _, err := r.doc.xref.DereferenceStreamDict(o)
	if err != nil || sd == nil || r.doc.name(sd.Dict["Subtype"]) != "Form" {
		return form{}, false
	}
	id := 0
	if ref, ok := o.(types.IndirectRef); ok {
		id = ref.ObjectNumber.Value()
	}
	content, ok := r.doc.forms[id]
	if !ok || id == 0 {
		content, _ = r.doc.stream(o)
		if id != 0 {
			r.doc.forms[id] = content
		}
	}
	f := form{id: id, content: content, matrix: identity, res: r}
	if m := r.doc.numbers(sd.Dict["Matrix"]); len(m) == 6 {
		f.matrix = matrix(m)
	}
	if b := r.doc.numbers(sd.Dict["BBox"]); len(b) == 4 {
		f.bbox = &Box{min(b[0], b[2]), min(b[1], b[3]), max(b[0], b[2]), max(b[1], b[3])}
	}
	if res := r.doc.dict(sd.Dict["Resources"]); res != nil {
		f.res = pageResources{r.doc, res}
	}
	return f, true
}

// properties returns a property list of /Properties as an operand, with
// the one entry BDC is read for: /ActualText.
func (r pageResources) properties(name string) (operand, bool) {
	o, ok := r.doc.dict(r.dict["Properties"])[name]
	if !ok {
		return operand{}, false
	}
	props := operand{kind: opDict}
	if b, ok := r.doc.stringBytes(r.doc.dict(o)["ActualText"]); ok {
		props.arr = []operand{{kind: opName, str: []byte("ActualText")}, {kind: opString, str: b}}
	}
	return props, true
}

// loadFont reads a font dictionary. It never fails: what a damaged font
// lacks takes a default, and a glyph it cannot tell has no text.
func (d *document) loadFont(fd types.Dict) *font {
	f := &font{name: d.name(fd["BaseFont"]), ascent: 0.9, descent: -0.2}
	if f.name == "" {
		f.name = d.name(fd["Name"])
	}
	switch tu := d.resolve(fd["ToUnicode"]); tu.(type) {
	case types.Name:
		f.identityText = strings.HasPrefix(d.name(tu), "Identity-")
	case types.StreamDict:
		if b, _ := d.stream(fd["ToUnicode"]); b != nil {
			f.toUnicode, _ = cmap.Parse(b)
		}
	}
	desc := fd
	if d.name(fd["Subtype"]) == "Type0" {
		desc = d.dict(d.array(fd["DescendantFonts"]).first())
		f.cid = d.loadCIDFont(fd, desc)
		f.vertical = f.cid.codes.Vertical()
	} else {
		f.simple = d.loadSimpleFont(fd)
		if text, w, _ := f.glyph(' '); text == " " {
			f.space = w
		}
	}
	d.metrics(f, d.dict(desc["FontDescriptor"]))
	return f
}

// metrics sets the font's ascent and descent from its descriptor.
func (d *document) metrics(f *font, desc types.Dict) {
	if a := d.number(desc["Ascent"]) / 1000; a > 0.2 && a < 2 {
		f.ascent = a
	}
	if de := d.number(desc["Descent"]) / 1000; de < 0 && de > -1 {
		f.descent = de
	}
}

// loadCIDFont reads a Type0 font's encoding and its CIDFont.
func (d *document) loadCIDFont(fd, desc types.Dict) *cidFont {
	c := &cidFont{defWidth: 1, vAdvance: -1}
	enc := d.resolve(fd["Encoding"])
	switch enc.(type) {
	case types.Name:
		c.codes, _ = cmap.Predefined(d.name(enc))
		name := d.name(enc)
		c.codeIsText = strings.HasPrefix(name, "Uni") && (strings.Contains(name, "UCS2") || strings.Contains(name, "UTF16"))
	case types.StreamDict:
		if b, _ := d.stream(fd["Encoding"]); b != nil {
			c.codes, _ = cmap.Parse(b)
		}
	}
	if c.codes == nil {
		c.codes, _ = cmap.Predefined("Identity-H")
	}
	c.cidText = d.collectionText(c.codes, d.dict(desc["CIDSystemInfo"]))
	if dw := d.number(desc["DW"]); dw != 0 {
		c.defWidth = dw / 1000
	}
	c.widths = d.cidWidths(desc["W"], 1)
	if dw2 := d.numbers(desc["DW2"]); len(dw2) == 2 {
		c.vAdvance = dw2[1] / 1000
	}
	c.vertWidths = d.cidWidths(desc["W2"], 3)
	if d.name(desc["Subtype"]) == "CIDFontType2" {
		d.trueTypeText(c, desc, d.dict(desc["FontDescriptor"]))
	}
	return c
}

// collectionText returns the CID → Unicode map of the CIDFont's character
// collection, or of the encoding CMap's when the CIDFont names none.
func (d *document) collectionText(codes *cmap.CMap, info types.Dict) *cmap.CMap {
	reg, ord := d.text(info["Registry"]), d.text(info["Ordering"])
	if ord == "" || ord == "Identity" {
		reg, ord, _ = codes.Collection()
	}
	m, err := cmap.CIDToUnicode(reg, ord)
	if err != nil {
		return nil
	}
	return m
}

// trueTypeText reads the glyph → character map of the TrueType font
// embedded in a CIDFont's descriptor, and the CIDFont's CIDToGIDMap.
func (d *document) trueTypeText(c *cidFont, desc, descriptor types.Dict) {
	fontFile := descriptor["FontFile2"]
	if fontFile == nil {
		return
	}
	b, _ := d.stream(fontFile)
	if m, err := sfnt.GlyphText(b); err == nil && len(m) > 0 {
		c.gidText = m
	}
	if o := d.resolve(desc["CIDToGIDMap"]); o != nil {
		if _, ok := o.(types.StreamDict); ok {
			b, _ := d.stream(desc["CIDToGIDMap"])
			c.cidToGID = make([]uint16, len(b)/2)
			for i := range c.cidToGID {
				c.cidToGID[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
			}
		}
	}
}

// cidWidths reads a /W array (per = 1) or a /W2 array (per = 3: the
// vertical advance, then the position vector) into sorted ranges.
func (d *document) cidWidths(o types.Object, per int) []cidWidth {
	a := d.array(o)
	var ws []cidWidth
	for i := 0; i+1 < len(a) && len(ws) < 1<<16; {
		first := d.number(a[i])
		if list := d.array(a[i+1]); list != nil {
			for j := 0; j+per <= len(list); j += per {
				c := uint32(first) + uint32(j/per)
				ws = append(ws, cidWidth{c, c, d.number(list[j]) / 1000})
			}
			i += 2
			continue
		}
		if i+1+per > len(a) {
			break
		}
		ws = append(ws, cidWidth{uint32(first), uint32(d.number(a[i+1])), d.number(a[i+2]) / 1000})
		i += 2 + per
	}
	sort.Slice(ws, func(i, j int) bool { return ws[i].first < ws[j].first })
	return ws
}

// loadSimpleFont reads a one-byte font's encoding and widths.
func (d *document) loadSimpleFont(fd types.Dict) *simpleFont {
	s := &simpleFont{}
	scale := 0.001
	if m := d.numbers(fd["FontMatrix"]); len(m) == 6 && d.name(fd["Subtype"]) == "Type3" {
		scale = m[0]
	}
	desc := d.dict(fd["FontDescriptor"])
	missing := d.number(desc["MissingWidth"])
	if missing == 0 {
		missing = 500 // a standard font's widths are not in the file; this is their mean
	}
	for i := range s.width {
		s.width[i] = missing * scale
	}
	first := int(d.number(fd["FirstChar"]))
	for i, w := range d.array(fd["Widths"]) {
		if c := first + i; c >= 0 && c < 256 {
			s.width[c] = d.number(w) * scale
		}
	}
	enc := d.encoding(fd["Encoding"], d.name(fd["BaseFont"]))
	for c := range s.text {
		s.text[c], _ = enc.Decode(byte(c))
	}
	return s
}

// encoding returns the glyph name of each code of a simple font: its
// /Encoding, a base encoding with /Differences on top, or else the
// encoding built into a standard font (Symbol, ZapfDingbats), or else
// StandardEncoding.
func (d *document) encoding(o types.Object, baseFont string) fontenc.Encoding {
	o = d.resolve(o)
	if n, ok := o.(types.Name); ok {
		if enc, ok := fontenc.Base(string(n)); ok {
			return enc
		}
	}
	ed, _ := o.(types.Dict)
	enc, ok := fontenc.Base(d.name(ed["BaseEncoding"]))
	if !ok {
		enc, ok = fontenc.BuiltIn(baseFont)
	}
	if !ok {
		enc, _ = fontenc.Base("StandardEncoding")
	}
	var diffs []any
	for _, e := range d.array(ed["Differences"]) {
		switch v := d.resolve(e).(type) {
		case types.Integer:
			diffs = append(diffs, int(v))
		case types.Float:
			diffs = append(diffs, int(v))
		case types.Name:
			diffs = append(diffs, string(v))
		}
	}
	enc.Apply(fontenc.ParseDifferences(diffs))
	return enc
}
