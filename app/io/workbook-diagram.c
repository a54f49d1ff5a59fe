/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Diagram sheet: the process diagram as the figure files draw it, and
 * its nodes and arrows as tables, so a reader can see what each box counts. */
#define G_LOG_DOMAIN "eb-workbook"

#include "config.h"

#include "diagram-render.h"
#include "eb-diagram.h"
#include "workbook-private.h"

typedef struct
{
  EbWorkbook *wb;
  EbDiagram  *diagram;
} FigureData;

static gboolean
write_diagram_png (const char  *path,
                   gpointer     user_data,
                   GError     **error)
{
  FigureData *data = user_data;
  EbDiagramRenderOptions render;

  eb_diagram_render_options_init (&render);
  return eb_diagram_export (data->diagram, &render, EB_FIGURE_FORMAT_PNG,
                            data->wb->options->width_mm, data->wb->options->dpi, path,
                            data->wb->cancellable, error);
}

static lxw_row_t
write_header (EbWorkbook         *wb,
              lxw_worksheet      *sheet,
              lxw_row_t           row,
              const char * const *headers,
              guint               n_headers)
{
  for (lxw_col_t col = 0; col < n_headers; col++)
    eb_workbook_write_text (sheet, row, col, headers[col], wb->header);
  return row + 1;
}

static const char *
find_node_label (EbDiagram *diagram,
                 gint64     id)
{
  EbDiagramNode *node = eb_diagram_get_node (diagram, id);

  return node != NULL ? eb_diagram_node_get_label (node) : "";
}

static lxw_row_t
write_nodes (EbWorkbook    *wb,
             lxw_worksheet *sheet,
             lxw_row_t      row,
             EbDiagram     *diagram)
{
  static const char * const headers[] = {
    "Node", "Details", "Theme", "Group", "Quotes", "Respondents",
  };
  GListModel *nodes = eb_diagram_get_nodes (diagram);

  row = write_header (wb, sheet, row, headers, G_N_ELEMENTS (headers));
  for (guint i = 0; i < g_list_model_get_n_items (nodes); i++, row++)
    {
      g_autoptr(EbDiagramNode) node = g_list_model_get_item (nodes, i);
      const char * const *bullets = eb_diagram_node_get_bullets (node);
      g_autofree char *details = bullets != NULL ? g_strjoinv ("\n", (char **) bullets) : NULL;
      EbDiagramGroup *group = eb_diagram_get_group (diagram, eb_diagram_node_get_group_id (node));

      eb_workbook_write_text (sheet, row, 0, eb_diagram_node_get_label (node), wb->wrap);
      if (details != NULL && *details != '\0')
        eb_workbook_write_text (sheet, row, 1, details, wb->wrap);
      if (eb_diagram_node_get_theme_id (node) > 0)
        {
          eb_workbook_write_text (sheet, row, 2, eb_diagram_node_get_theme_name (node), wb->wrap);
          eb_workbook_write_number (sheet, row, 4, eb_diagram_node_get_n_quotes (node), wb->integer);
          eb_workbook_write_number (sheet, row, 5, eb_diagram_node_get_n_respondents (node),
                                    wb->integer);
        }
      if (group != NULL)
        eb_workbook_write_text (sheet, row, 3, eb_diagram_group_get_label (group), wb->wrap);
      eb_workbook_set_row_lines (sheet, row,
                                 MAX (MAX (eb_workbook_count_lines (details != NULL ? details : "", 48),
                                           eb_workbook_count_lines (eb_diagram_node_get_label (node), 34)),
                                      eb_workbook_count_lines (eb_diagram_node_get_theme_name (node) != NULL
                                                               ? eb_diagram_node_get_theme_name (node) : "",
                                                               34)));
    }
  return row;
}

static lxw_row_t
write_edges (EbWorkbook    *wb,
             lxw_worksheet *sheet,
             lxw_row_t      row,
             EbDiagram     *diagram)
{
  static const char * const headers[] = { "From", "To", "Kind", "Label" };
  GListModel *edges = eb_diagram_get_edges (diagram);

  row = write_header (wb, sheet, row, headers, G_N_ELEMENTS (headers));
  for (guint i = 0; i < g_list_model_get_n_items (edges); i++, row++)
    {
      g_autoptr(EbDiagramEdge) edge = g_list_model_get_item (edges, i);

      eb_workbook_write_text (sheet, row, 0,
                              find_node_label (diagram, eb_diagram_edge_get_source_id (edge)),
                              wb->wrap);
      eb_workbook_write_text (sheet, row, 1,
                              find_node_label (diagram, eb_diagram_edge_get_target_id (edge)),
                              wb->wrap);
      eb_workbook_write_text (sheet, row, 2,
                              eb_diagram_edge_style_to_string (eb_diagram_edge_get_style (edge)),
                              wb->top);
      if (*eb_diagram_edge_get_label (edge) != '\0')
        eb_workbook_write_text (sheet, row, 3, eb_diagram_edge_get_label (edge), wb->wrap);
      /* Wrapped names need their lines: no reader grows a row on opening. */
      eb_workbook_set_row_lines (sheet, row,
        MAX (eb_workbook_count_lines (find_node_label (diagram, eb_diagram_edge_get_source_id (edge)), 34),
             eb_workbook_count_lines (find_node_label (diagram, eb_diagram_edge_get_target_id (edge)), 48)));
    }
  return row;
}

gboolean
eb_workbook_write_diagram (EbWorkbook     *wb,
                           lxw_worksheet  *sheet,
                           GError        **error)
{
  static const double widths[] = { 34, 48, 34, 24, 10, 14 };
  g_autoptr(EbDiagram) diagram = NULL;
  FigureData figure;
  guint height = 0;
  lxw_row_t row;

  for (lxw_col_t col = 0; col < G_N_ELEMENTS (widths); col++)
    worksheet_set_column (sheet, col, col, widths[col], NULL);
  row = eb_workbook_write_heading (wb, sheet, 0, "Diagram",
                                   "The process diagram of the project as the figure files draw "
                                   "it; the counts on linked nodes are those of the coding at "
                                   "export.");
  if (wb->store == NULL)
    {
      eb_workbook_write_text (sheet, row, 0, "No diagram: this workbook was made from a survey "
                              "file, not a project.", wb->note);
      return TRUE;
    }
  /* Made here, in the exporting thread: a drawing belongs to one thread. */
  diagram = eb_diagram_new (wb->store, error);
  if (diagram == NULL)
    return FALSE;
  if (g_list_model_get_n_items (eb_diagram_get_nodes (diagram)) == 0)
    {
      eb_workbook_write_text (sheet, row, 0, "The project has no process diagram yet.", wb->note);
      return TRUE;
    }

  figure = (FigureData) { wb, diagram };
  if (!eb_workbook_insert_png (wb, sheet, row, 0, "Process diagram drawn by Evalbench",
                               write_diagram_png, &figure, &height, error))
    return FALSE;
  row += (height + EB_WORKBOOK_ROW_PIXELS - 1) / EB_WORKBOOK_ROW_PIXELS + 1;
  eb_workbook_progress (wb, 0.5);

  eb_workbook_write_text (sheet, row++, 0, "Nodes", wb->bold);
  row = write_nodes (wb, sheet, row, diagram) + 1;
  eb_workbook_write_text (sheet, row++, 0, "Arrows", wb->bold);
  write_edges (wb, sheet, row, diagram);
  return TRUE;
}
