// Package typeset breaks Japanese text into lines the way a Japanese
// typesetter would (禁則処理): no line starts with a closing bracket, a
// comma, a full stop, a prolonged sound mark or a small kana, and no line
// ends with an opening bracket. It knows nothing about PDF or fonts: the
// caller gives the width of a line and a function that measures text, so
// the same breaker serves table cells and paragraphs, and is tested on its
// own with a made-up measure.
package typeset
