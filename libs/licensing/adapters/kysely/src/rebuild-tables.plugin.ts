import { IdentifierNode, OperationNodeTransformer } from 'kysely';
import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryId,
  QueryResult,
  RootOperationNode,
  SchemableIdentifierNode,
  UnknownRow,
} from 'kysely';
import { PROJECTION_TABLES, rebuildTableName } from './read-model.schema';

/** Points every table name found in `renames` to its new name (tables and column qualifiers alike). */
class TableRenamer extends OperationNodeTransformer {
  constructor(private readonly renames: ReadonlyMap<string, string>) {
    super();
  }

  protected override transformSchemableIdentifier(
    node: SchemableIdentifierNode,
    queryId?: QueryId,
  ): SchemableIdentifierNode {
    const transformed = super.transformSchemableIdentifier(node, queryId);
    const renamed = this.renames.get(transformed.identifier.name);
    return renamed === undefined
      ? transformed
      : { ...transformed, identifier: IdentifierNode.create(renamed) };
  }
}

/**
 * Sends queries written against the live tables to the rebuild tables, so that one typed set of
 * queries serves both targets instead of a second copy with table names spliced into strings.
 */
export class RebuildTablesPlugin implements KyselyPlugin {
  private readonly renamer = new TableRenamer(
    new Map(
      Object.values(PROJECTION_TABLES)
        .flat()
        .map((table) => [table, rebuildTableName(table)]),
    ),
  );

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.renamer.transformNode(args.node, args.queryId);
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}

export const REBUILD_TABLES = new RebuildTablesPlugin();
