#pragma once
// The graph's colours from the system palette: a dark desktop theme (KDE,
// GNOME) gets a dark canvas, dark node fills tinted by environment and light
// text; a light one the light canvas and pastel fills. Everything the graph
// paints takes its colours from here, never from fixed black and white.
#include <QColor>
#include <QPalette>
#include <QString>

namespace sy {

/// Colours for one palette (read from the widget painting, or the
/// application's palette).
struct GraphPalette {
    bool dark = false;
    QColor background; ///< the canvas
    QColor text;       ///< labels on nodes
    QColor laneTitle;  ///< lane titles
    QColor border;     ///< a node's outline
    QColor halo;       ///< behind labels drawn over the graph

    /// Fill of an environment's nodes (client blue, ssr green, worker amber).
    QColor nodeFill(const QString &environment) const;
    /// Fill of an environment's lane band.
    QColor laneFill(const QString &environment) const;

    /// Dark when the palette's window colour is darker than its text.
    static GraphPalette from(const QPalette &palette);
};

} // namespace sy
