import { asArray, isRecord, type CfnTemplate, type Rule, type Violation } from '../cfn';
import { policyDocuments } from './iam-wildcards';

/**
 * Strings holding `*` where `render` (and so iam-no-wildcards) cannot see them: the variable map of a two-argument
 * `Fn::Sub` (`['arn:...:table/${T}', { T: '*' }]`), a `Fn::Join` whose list is computed, and any other intrinsic
 * (`Fn::If`, `Fn::Select`, `Fn::FindInMap`, ...). A literal `Fn::Sub` template and `Fn::Join` parts are visible.
 */
export const hiddenWildcards = (value: unknown, visible = true): string[] => {
  if (typeof value === 'string') return !visible && value.includes('*') ? [value] : [];
  if (Array.isArray(value)) return value.flatMap((item) => hiddenWildcards(item, visible));
  if (!isRecord(value)) return [];
  return Object.entries(value).flatMap(([key, argument]) => {
    if (key === 'Ref' || key === 'Fn::GetAtt') return [];
    if (key === 'Fn::Sub') {
      if (typeof argument === 'string') return hiddenWildcards(argument, visible);
      const [template, variables] = asArray(argument);
      return [...hiddenWildcards(template, visible), ...hiddenWildcards(variables, false)];
    }
    if (key === 'Fn::Join' && Array.isArray(argument) && Array.isArray(argument[1])) {
      return hiddenWildcards(argument[1], visible);
    }
    return hiddenWildcards(argument, false);
  });
};

export const iamHiddenWildcards: Rule = {
  id: 'iam-no-hidden-wildcards',
  description: 'No `*` hidden in an Fn::Sub variable map or another intrinsic of an Allow statement\'s actions or resources',
  check(template: CfnTemplate): Violation[] {
    return Object.entries(template.Resources ?? {}).flatMap(([id, resource]) =>
      policyDocuments(resource.Type, resource.Properties ?? {}).flatMap((document, d) =>
        asArray(isRecord(document) ? document.Statement : undefined).flatMap((statement, s): Violation[] => {
          if (!isRecord(statement) || statement.Effect !== 'Allow') return [];
          return (['Action', 'Resource'] as const).flatMap((field): Violation[] => {
            const hidden = hiddenWildcards(asArray(statement[field]));
            if (hidden.length === 0) return [];
            return [{
              rule: this.id,
              resource: id,
              message: `policy ${d}, statement ${s}: ${field} builds a wildcard inside an intrinsic function (${hidden.join(', ')}): ` +
                'write exact actions and ARNs (a wildcard written in the Fn::Sub template itself is judged by iam-no-wildcards)',
            }];
          });
        }),
      ),
    );
  },
};
