#!/bin/sh
# Regenerates the PNG renders of the application icon from resources/icons/crochet.svg.
# Usage: packaging/render-icons.sh
# Needs rsvg-convert (Debian package librsvg2-bin); falls back to ImageMagick's convert.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
icons="$root/resources/icons"
svg="$icons/crochet.svg"

for size in 16 32 48 64 128 256; do
    dir="$icons/hicolor/${size}x${size}/apps"
    mkdir -p "$dir"
    if command -v rsvg-convert >/dev/null 2>&1; then
        rsvg-convert --width "$size" --height "$size" --format png --output "$dir/crochet.png" "$svg"
    else
        convert -background none -density 384 "$svg" -resize "${size}x${size}" "PNG32:$dir/crochet.png"
    fi
    echo "wrote ${dir#"$root"/}/crochet.png"
done
