package theme

import (
	"fmt"
	"strconv"
	"strings"
)

// dateLocal writes a date the way readers of lang write it: "12 mars
// 2026" (and "1er mars 2026") in French, "March 12, 2026" in English,
// 2026-03-12 for languages the theme does not know. An unset date gives "".
func dateLocal(lang string, date any) string {
	t, ok := toTime(date)
	if !ok || t.IsZero() {
		return ""
	}
	switch base(lang) {
	case "fr":
		day := strconv.Itoa(t.Day())
		if t.Day() == 1 {
			day = "1er"
		}
		months := [...]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet",
			"août", "septembre", "octobre", "novembre", "décembre"}
		return day + " " + months[t.Month()-1] + " " + strconv.Itoa(t.Year())
	case "en":
		return t.Format("January 2, 2006")
	}
	return t.Format("2006-01-02")
}

// base returns the language of a tag: "fr" for "fr-CA".
func base(lang string) string {
	lang, _, _ = strings.Cut(strings.ToLower(lang), "-")
	lang, _, _ = strings.Cut(lang, "_")
	return lang
}

// numberLocal groups the digits of n by thousands the way lang does:
// "12 345" (a narrow no-break space, as French typography wants) and
// "3,5" in French, "12,345" and "3.5" in English. Fractions keep at most
// two decimals.
func numberLocal(lang string, n any) (string, error) {
	i, f, isInt, ok := number(n)
	if !ok {
		return "", fmt.Errorf("numberLocal: want a number, got %v", n)
	}
	group, point := ",", "."
	if base(lang) == "fr" {
		group, point = "\u202f", ","
	}
	var text string
	if isInt {
		text = strconv.FormatInt(i, 10)
	} else {
		text = strconv.FormatFloat(f, 'f', 2, 64)
		text = strings.TrimRight(strings.TrimRight(text, "0"), ".")
	}
	sign := ""
	if strings.HasPrefix(text, "-") {
		sign, text = "-", text[1:]
	}
	whole, frac, hasFrac := strings.Cut(text, ".")
	var b strings.Builder
	b.WriteString(sign)
	for k, d := range whole {
		if k > 0 && (len(whole)-k)%3 == 0 {
			b.WriteString(group)
		}
		b.WriteRune(d)
	}
	if hasFrac {
		b.WriteString(point)
		b.WriteString(frac)
	}
	return b.String(), nil
}

// durationLocal writes a number of minutes for reading: "45 min",
// "1 h 30" in French, "1 h 30 min" in English, "2 h" for whole hours.
func durationLocal(lang string, minutes any) (string, error) {
	m, _, _, ok := number(minutes)
	if !ok {
		return "", fmt.Errorf("durationLocal: want minutes, got %v", minutes)
	}
	h, m := m/60, m%60
	hours, mins := strconv.FormatInt(h, 10), strconv.FormatInt(m, 10)
	switch {
	case h == 0:
		return mins + "\u00a0min", nil
	case m == 0:
		return hours + "\u00a0h", nil
	case base(lang) == "fr":
		if 0 <= m && m < 10 {
			mins = "0" + mins
		}
		return hours + "\u00a0h\u00a0" + mins, nil
	}
	return hours + "\u00a0h\u00a0" + mins + "\u00a0min", nil
}
