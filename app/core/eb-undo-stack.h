/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define EB_UNDO_ERROR (eb_undo_error_quark ())

typedef enum {
  EB_UNDO_ERROR_NOTHING,   /* nothing to undo, or to redo */
  EB_UNDO_ERROR_BUSY,      /* called from within a command */
} EbUndoError;

GQuark eb_undo_error_quark (void);

/* One user action that can be taken back: APPLY does it (again), REVERT
 * takes it back. Each must leave everything as it was when it fails. */
typedef gboolean (*EbUndoFunc) (gpointer   user_data,
                                GError   **error);

typedef struct _EbUndoCommand EbUndoCommand;

#define EB_TYPE_UNDO_COMMAND (eb_undo_command_get_type ())
GType           eb_undo_command_get_type   (void) G_GNUC_CONST;

/* LABEL names the action for the Edit menu: "Tag “Safe space”". */
EbUndoCommand  *eb_undo_command_new        (const char      *label,
                                            EbUndoFunc       apply,
                                            EbUndoFunc       revert,
                                            gpointer         user_data,
                                            GDestroyNotify   destroy);
EbUndoCommand  *eb_undo_command_ref        (EbUndoCommand   *command);
void            eb_undo_command_unref      (EbUndoCommand   *command);
const char     *eb_undo_command_get_label  (EbUndoCommand   *command);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EbUndoCommand, eb_undo_command_unref)

#define EB_TYPE_UNDO_STACK (eb_undo_stack_get_type ())
G_DECLARE_FINAL_TYPE (EbUndoStack, eb_undo_stack, EB, UNDO_STACK, GObject)

/* The session's history: every action since the project was opened can
 * be undone, in reverse order, and redone until a new action is done.
 * "undo-label" and "redo-label" are the Edit menu's items ("Undo Tag
 * “Safe space”", or just "Undo" when there is nothing). */
EbUndoStack    *eb_undo_stack_new          (void);

/* Applies COMMAND and, if that succeeds, makes it the last undo step. */
gboolean        eb_undo_stack_execute      (EbUndoStack     *self,
                                            EbUndoCommand   *command,
                                            GError         **error);
/* For a command its maker has already applied. Drops the redo steps. */
void            eb_undo_stack_push         (EbUndoStack     *self,
                                            EbUndoCommand   *command);
/* On failure the step stays where it was, to be tried again. */
gboolean        eb_undo_stack_undo         (EbUndoStack     *self,
                                            GError         **error);
gboolean        eb_undo_stack_redo         (EbUndoStack     *self,
                                            GError         **error);
void            eb_undo_stack_clear        (EbUndoStack     *self);
/* Makes the last N undo steps one step called LABEL: "create a theme and
 * tag with it" is one thing to the user. Redo replays them in order, undo
 * reverts them newest first. */
void            eb_undo_stack_join         (EbUndoStack     *self,
                                            guint            n,
                                            const char      *label);

gboolean        eb_undo_stack_can_undo     (EbUndoStack     *self);
gboolean        eb_undo_stack_can_redo     (EbUndoStack     *self);
guint           eb_undo_stack_get_n_undo   (EbUndoStack     *self);
guint           eb_undo_stack_get_n_redo   (EbUndoStack     *self);
const char     *eb_undo_stack_get_undo_label (EbUndoStack   *self);
const char     *eb_undo_stack_get_redo_label (EbUndoStack   *self);

G_END_DECLS
