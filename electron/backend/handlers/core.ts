import { KithError } from '../../../shared/api/envelope.js';
import type { coreChannels } from '../../../shared/api/contract/core.js';
import * as commands from '../../../shared/domain/commands.js';
import { exampleNetwork } from '../../../shared/domain/example.js';
import type { Edit } from '../../../shared/domain/changes.js';
import { exportNetwork } from '../../../shared/export/exportNetwork.js';
import type { HandlerContext, HandlerTable } from './types.js';

/** Handlers of the core channels: the file, the network, edits, history, export. */
export function coreHandlers({ session }: HandlerContext): HandlerTable<keyof typeof coreChannels> {
  const run = <T>(result: { edit: Edit } & T): T => {
    session().apply(result.edit);
    return result;
  };
  return {
    'file:status': () => session().status(),
    'file:resolveExternalChange': async ({ choice }) => {
      const s = session();
      const result = await s.store.resolveExternalChange(choice);
      if (choice === 'reload') s.reset('reload');
      return { ...(result.copyPath ? { copyPath: result.copyPath } : {}), status: s.status() };
    },
    'file:restoreBackup': async ({ name }) => {
      const s = session();
      await s.store.restoreBackup(name);
      s.reset('restore');
      return s.status();
    },
    'network:get': () => {
      const s = session();
      return { revision: s.revision, file: s.doc };
    },
    'network:loadExample': () => {
      const s = session();
      const doc = s.doc;
      if (doc.people.length > 1 || doc.ties.length > 0) {
        throw new KithError('rejected', 'The example network can only be loaded into an empty network; start a new data file first.');
      }
      const me = doc.people.find((p) => p.id === doc.meId);
      if (!me) throw new KithError('file-corrupt', 'The network has no owner.');
      const example = exampleNetwork(me.name, doc.meId);
      s.apply({
        label: 'Load the example network',
        changes: [
          { kind: 'person', before: me, after: example.people[0] ?? me },
          ...example.people.slice(1).map((after) => ({ kind: 'person' as const, after })),
          ...example.ties.map((after) => ({ kind: 'tie' as const, after })),
          ...example.communities.map((after) => ({ kind: 'community' as const, after })),
          ...example.opportunities.map((after) => ({ kind: 'opportunity' as const, after })),
        ],
      });
      return s.status();
    },
    'network:export': ({ format }) => exportNetwork(session().doc, format),
    'person:create': (input) => run(commands.createPerson(session().doc, input, session().ctx)).person,
    'person:update': ({ id, patch }) => run(commands.updatePerson(session().doc, id, patch)).person,
    'person:delete': ({ id }) => ({ deleted: true as const, ties: run(commands.deletePerson(session().doc, id)).ties }),
    'tie:create': (input) => run(commands.createTie(session().doc, input, session().ctx)).tie,
    'tie:update': ({ id, patch }) => run(commands.updateTie(session().doc, id, patch)).tie,
    'tie:delete': ({ id }) => (run(commands.deleteTie(session().doc, id)), { deleted: true as const }),
    'community:create': (input) => run(commands.createCommunity(session().doc, input, session().ctx)).community,
    'community:update': ({ id, patch }) => run(commands.updateCommunity(session().doc, id, patch)).community,
    'community:delete': ({ id }) => (run(commands.deleteCommunity(session().doc, id)), { deleted: true as const }),
    'opportunity:create': (input) => run(commands.createOpportunity(session().doc, input, session().ctx)).opportunity,
    'opportunity:update': ({ id, patch }) => run(commands.updateOpportunity(session().doc, id, patch)).opportunity,
    'opportunity:delete': ({ id }) => (run(commands.deleteOpportunity(session().doc, id)), { deleted: true as const }),
    'history:undo': () => session().undo(),
    'history:redo': () => session().redo(),
  };
}
