// Package themes embeds the default theme in the binary, so a site with
// no themes/ folder still builds and `binome init` can copy it.
package themes

import "embed"

// Default holds the default theme under "default/": use
// fs.Sub(Default, "default") for a theme.Layer rooted at the theme folder.
// The all: prefix keeps files whose names start with "_" (layouts/_default).
//
//go:embed all:default
var Default embed.FS
