/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "eb-diagram.h"

G_BEGIN_DECLS

/* Shared by the diagram modules only: EbDiagram owns every change and
 * applies it, once committed to the project, to its node, edge and group
 * objects through these functions. */

/* A row of diagram_nodes: what an undo step keeps of a node. */
typedef struct
{
  gint64          id;
  gint64          theme_id;   /* 0: none */
  gint64          group_id;   /* 0: none */
  char           *label;
  char          **bullets;    /* never NULL */
  EbDiagramShape  shape;
  char           *color;      /* NULL: the theme's */
  double          x;
  double          y;
  double          width;
  double          height;
} EbDiagramNodeRow;

typedef struct
{
  gint64              id;
  gint64              source_id;
  gint64              target_id;
  char               *label;    /* never NULL */
  EbDiagramEdgeStyle  style;
  GArray             *route;    /* EbDiagramPoint, or NULL for a straight line */
} EbDiagramEdgeRow;

typedef struct
{
  gint64  id;
  char   *label;
} EbDiagramGroupRow;

EbDiagramNodeRow  *eb_diagram_node_row_new        (void);
EbDiagramNodeRow  *eb_diagram_node_row_copy       (const EbDiagramNodeRow *row);
void               eb_diagram_node_row_free       (EbDiagramNodeRow       *row);
gboolean           eb_diagram_node_row_equal      (const EbDiagramNodeRow *a,
                                                   const EbDiagramNodeRow *b);
EbDiagramEdgeRow  *eb_diagram_edge_row_new        (void);
EbDiagramEdgeRow  *eb_diagram_edge_row_copy       (const EbDiagramEdgeRow *row);
void               eb_diagram_edge_row_free       (EbDiagramEdgeRow       *row);
gboolean           eb_diagram_edge_row_equal      (const EbDiagramEdgeRow *a,
                                                   const EbDiagramEdgeRow *b);
EbDiagramGroupRow *eb_diagram_group_row_new       (void);
EbDiagramGroupRow *eb_diagram_group_row_copy      (const EbDiagramGroupRow *row);
void               eb_diagram_group_row_free      (EbDiagramGroupRow      *row);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EbDiagramNodeRow, eb_diagram_node_row_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EbDiagramEdgeRow, eb_diagram_edge_row_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EbDiagramGroupRow, eb_diagram_group_row_free)

/* The route as stored: "x,y x,y …" (NULL for none), and back; a text
 * that is not a route reads as none. */
char              *eb_diagram_route_to_string     (const GArray           *route);
GArray            *eb_diagram_route_from_string   (const char             *text);

EbDiagramNode     *eb_diagram_node_new            (const EbDiagramNodeRow *row);
const EbDiagramNodeRow *eb_diagram_node_get_row   (EbDiagramNode          *self);
/* Takes the row's values, notifying each property that changes. */
void               eb_diagram_node_apply_row      (EbDiagramNode          *self,
                                                   const EbDiagramNodeRow *row);
/* What the codebook and the coding say about the linked theme now. */
void               eb_diagram_node_set_theme_info (EbDiagramNode          *self,
                                                   const char             *name,
                                                   const char             *color,
                                                   guint                   n_quotes,
                                                   guint                   n_respondents);

EbDiagramEdge     *eb_diagram_edge_new            (const EbDiagramEdgeRow *row);
const EbDiagramEdgeRow *eb_diagram_edge_get_row   (EbDiagramEdge          *self);
void               eb_diagram_edge_apply_row      (EbDiagramEdge          *self,
                                                   const EbDiagramEdgeRow *row);

EbDiagramGroup    *eb_diagram_group_new           (const EbDiagramGroupRow *row);
const EbDiagramGroupRow *eb_diagram_group_get_row (EbDiagramGroup         *self);
void               eb_diagram_group_apply_row     (EbDiagramGroup         *self,
                                                   const EbDiagramGroupRow *row);

/* ---- Sketches: several nodes, edges and groups added in one step ---- */

typedef struct
{
  const char          *label;
  const char * const  *bullets;     /* NULL or NULL-terminated */
  /* Names of themes to link, tried in order (compared as the codebook
   * does, without regard to case); NULL-terminated, NULL for none. */
  const char * const  *themes;
  int                  group;       /* index into the groups, -1: none */
} EbDiagramSketchNode;

typedef struct
{
  guint               source;       /* indices into the nodes */
  guint               target;
  EbDiagramEdgeStyle  style;
  const char         *label;        /* may be NULL */
} EbDiagramSketchEdge;

typedef struct
{
  const char                 *title;      /* names the undo step */
  EbDiagramDirection          direction;  /* taken when the diagram is empty */
  const EbDiagramSketchNode  *nodes;
  guint                       n_nodes;
  const EbDiagramSketchEdge  *edges;
  guint                       n_edges;
  const char * const         *groups;     /* labels */
  guint                       n_groups;
} EbDiagramSketch;

/* Adds SKETCH in one step, laid out automatically (sized with MEASURE, or
 * 120 × 40) below whatever the diagram already holds. */
gboolean           eb_diagram_insert_sketch       (EbDiagram              *self,
                                                   const EbDiagramSketch  *sketch,
                                                   EbDiagramMeasureFunc    measure,
                                                   gpointer                user_data,
                                                   GError                **error);

G_END_DECLS
