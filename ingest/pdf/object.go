package pdf

import (
	"math"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// Reading PDF objects leniently: an object of the wrong type, or a
// reference that leads nowhere, reads as the zero value.

func (d *document) resolve(o types.Object) types.Object {
	if o == nil {
		return nil
	}
	r, err := d.xref.Dereference(o)
	if err != nil {
		return nil
	}
	return r
}

func (d *document) dict(o types.Object) types.Dict {
	switch v := d.resolve(o).(type) {
	case types.Dict:
		return v
	case types.StreamDict:
		return v.Dict
	}
	return nil
}

func (d *document) array(o types.Object) array {
	a, _ := d.resolve(o).(types.Array)
	return array(a)
}

func (d *document) name(o types.Object) string {
	n, _ := d.resolve(o).(types.Name)
	return string(n)
}

// text returns a string object's text (CIDSystemInfo's Registry and
// Ordering are plain ASCII).
func (d *document) text(o types.Object) string {
	if n, ok := d.resolve(o).(types.Name); ok {
		return string(n)
	}
	b, _ := d.stringBytes(o)
	return string(b)
}

// stringBytes returns the bytes of a string object, or false.
func (d *document) stringBytes(o types.Object) ([]byte, bool) {
	switch v := d.resolve(o).(type) {
	case types.StringLiteral:
		b, err := types.Unescape(string(v))
		return b, err == nil
	case types.HexLiteral:
		b, _ := v.Bytes() // an odd or bad digit ends it: what came before
		return b, true
	}
	return nil, false
}

func (d *document) number(o types.Object) float64 {
	var v float64
	switch n := d.resolve(o).(type) {
	case types.Integer:
		v = float64(n)
	case types.Float:
		v = float64(n)
	}
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0
	}
	return v
}

// numbers returns an array of numbers.
func (d *document) numbers(o types.Object) []float64 {
	a := d.array(o)
	out := make([]float64, len(a))
	for i, e := range a {
		out[i] = d.number(e)
	}
	return out
}

// An array is a PDF array.
type array types.Array

// first returns the array's first element, or nil.
func (a array) first() types.Object {
	if len(a) == 0 {
		return nil
	}
	return a[0]
}
