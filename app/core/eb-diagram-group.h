/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define EB_TYPE_DIAGRAM_GROUP (eb_diagram_group_get_type ())
G_DECLARE_FINAL_TYPE (EbDiagramGroup, eb_diagram_group, EB, DIAGRAM_GROUP, GObject)

/* A labelled box around some nodes of a diagram ("Face-to-face
 * sessions"). Its nodes are those whose group id is its id; the box is
 * drawn around them wherever they are. Read-only for its users (see
 * EbDiagramNode). */
gint64         eb_diagram_group_get_id     (EbDiagramGroup *self);
const char    *eb_diagram_group_get_label  (EbDiagramGroup *self);

G_END_DECLS
