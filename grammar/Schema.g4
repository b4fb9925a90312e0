// The .schema language (see docs/language.md).
//
// Items end at a newline or ';'. Newlines inside ( ) and [ ] are dropped before
// the parser sees them (compiler/syntax/parse.cpp, NewlineFilter), so the
// grammar only ever sees NL where it separates items. Keywords are
// case-insensitive and are soft: `ident` accepts them, so `name`, `type`,
// `comment` or `key` work as column names without quotes.
grammar Schema;

@parser::members {
  /// Units that may follow an interval literal: `interval '5' second`.
  static bool IsIntervalUnit(std::string t) {
    for (auto& c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    static const char* units[] = {"year", "years", "month", "months", "week", "weeks", "day", "days", "hour",
                                  "hours", "minute", "minutes", "second", "seconds", "millisecond",
                                  "milliseconds", "microsecond", "microseconds"};
    for (const char* u : units)
      if (t == u) return true;
    return false;
  }

  /// Whether the `allow` at LT(1) of a table body starts an allow clause
  /// rather than a column named `allow`. `allow text` is a column, as it was
  /// before allow clauses existed; a clause is `allow` followed by a rule
  /// code (two letters and three digits, `DS103`), or by a word that goes on
  /// with '-' (a slug), `on` or a reason string, which no column can.
  bool AllowClauseAhead() {
    size_t next = _input->LA(3);
    if (next == SchemaParser::MINUS || next == SchemaParser::ON || next == SchemaParser::STRING) return true;
    std::string w = _input->LT(2)->getText();
    if (w.size() != 5) return false;
    for (size_t i = 0; i < 5; ++i)
      if (i < 2 ? !std::isalpha(static_cast<unsigned char>(w[i])) : !std::isdigit(static_cast<unsigned char>(w[i])))
        return false;
    return true;
  }

  /// Whether the token at LT(1) is the word `w` (lower case), whatever its case.
  bool IsWord(const char* w) {
    std::string t = _input->LT(1)->getText();
    for (auto& c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return t == w;
  }
}

// Top-level lists are written (item | sep)* so that error recovery can resume
// at the next declaration; the AST builder still requires a separator between
// two items. Inside blocks the grammar itself requires one: recovery there
// resumes at the next line.
unit : (topItem | sep)* EOF ;

sep : NL | SEMI ;

topItem
  : importDecl
  | schemaDecl
  | tableDecl
  | enumDecl
  | sequenceDecl
  | collationDecl
  | viewDecl
  | mixinDecl
  | pipeDecl
  | targetBlock
  | letDecl
  | forDecl
  | allowDecl
  | lintBlock
  ;

importDecl : IMPORT (STRING | qname) ;

schemaDecl : SCHEMA ident LBRACE (topItem | sep)* RBRACE ;

// Templates (docs/language.md, "Constants, loops and templates"): `let` names
// a constant, `for` stamps out its body once per element. compiler/expand
// evaluates them before anything is checked.
letDecl : LET ident EQ expr ;
forDecl : FOR ident IN expr LBRACE (topItem | sep)* RBRACE ;

// `allow RULE [on NAME] ['reason']`: a lint finding acknowledged, at the top
// of a file, in a schema block, in a table body and on a column. RULE is a
// code (`DS103`) or a slug (`drop-column`): words joined by '-', which the
// AST builder requires to touch. Expressions never see it: '-' stays MINUS.
allowDecl : ALLOW ruleName (ON qname)? STRING? ;
ruleName : ruleWord (MINUS ruleWord)* ;
ruleWord : ident | NULL_ | TRUE | FALSE ;

// `lint { severity RULE LEVEL }`: the project's severity of a rule, at the
// top of a file only (the builder rejects one in a schema block). The level
// is any word, so that the checker can say which words are levels.
lintBlock : LINT LBRACE sep* (lintItem (sep+ lintItem)*)? sep* RBRACE ;
lintItem : SEVERITY ruleName ident? ;

// `extern table`: a table the project does not manage, known for references only.
tableDecl : EXTERN? TABLE qname tableBody ;
mixinDecl : MIXIN ident tableBody ;

tableBody : LBRACE sep* (tableItem (sep+ tableItem)*)? sep* RBRACE ;

tableItem
  : INCLUDE qname                                                    # includeItem
  | PRIMARY KEY ident? LPAREN identList RPAREN deferrable?           # primaryKeyItem
  | UNIQUE? INDEX ident? LPAREN indexKey (COMMA indexKey)* RPAREN indexTail*   # indexItem
  | UNIQUE ident? LPAREN identList RPAREN uniqueAttr*                # uniqueItem
  | FOREIGN KEY ident? LPAREN identList RPAREN references (NOT VALID)?   # foreignKeyItem
  | CHECK ident? LPAREN expr RPAREN (NO INHERIT)? (NOT VALID)?       # checkItem
  | EXCLUDE ident? (USING ident)? LPAREN exclusionElement (COMMA exclusionElement)* RPAREN exclusionTail*   # excludeItem
  | COMMENT STRING                                                   # commentItem
  | RENAMED FROM ident                                               # renamedItem
  | targetName LBRACE sep* (targetItem (sep+ targetItem)*)? sep* RBRACE   # targetItemBlock
  | {AllowClauseAhead()}? ALLOW ruleName (ON qname)? STRING?         # allowItem
  | ident typeRef columnAttr*                                        # columnItem
  ;

// A key as Postgres writes it: `a collate "C" text_pattern_ops desc nulls last`.
// The operator class is a plain or quoted name, never a keyword, so that
// `a desc` stays a direction.
indexKey : expr (COLLATE ident)? opclass? (ASC | DESC)? (NULLS (FIRST | LAST))? ;
opclass : IDENT | QIDENT ;
indexTail : WHERE expr | USING ident | NULLS NOT DISTINCT | INCLUDE LPAREN identList RPAREN
          | WITH LPAREN storageParam (COMMA storageParam)* RPAREN ;
// An exclusion constraint's element: an index key and the operator its values
// must not all satisfy, `r with &&`. An operator is written as Postgres writes
// it; its characters that are no token of their own arrive as ERRCHAR, and the
// builder checks that the tokens touch. A missing operator is the checker's
// to report.
exclusionElement : indexKey (WITH exclusionOp)? ;
exclusionOp : (ident DOT)? opToken+ ;
opToken : EQ | NE | LT | GT | LE | GE | PLUS | MINUS | STAR | SLASH | PERCENT | CONCAT | COLON | ERRCHAR ;
exclusionTail : WHERE expr | INCLUDE LPAREN identList RPAREN | WITH LPAREN storageParam (COMMA storageParam)* RPAREN
              | deferrable ;
storageParam : ident EQ (NUMBER | MINUS NUMBER | ident | STRING) ;

// `deferrable [initially deferred | initially immediate]` on keys and foreign keys.
deferrable : DEFERRABLE (INITIALLY (DEFERRED | IMMEDIATE))? ;
uniqueAttr : NULLS NOT DISTINCT | deferrable ;

columnAttr
  : NOT NULL_                                                         # notNullAttr
  | NULL_                                                             # nullAttr
  | DEFAULT expr                                                     # defaultAttr
  | PRIMARY KEY deferrable?                                          # primaryKeyAttr
  | UNIQUE uniqueAttr*                                               # uniqueColumnAttr
  | references                                                       # referencesAttr
  | CHECK LPAREN expr RPAREN                                         # checkAttr
  | IDENTITY ALWAYS? (LPAREN identityOption* RPAREN)?                # identityAttr
  | GENERATED ALWAYS AS LPAREN expr RPAREN STORED?                   # generatedAttr
  | COMMENT STRING                                                   # commentAttr
  | RENAMED FROM ident                                               # renamedAttr
  | COLLATE ident                                                    # collateAttr
  | targetName LBRACE sep* (targetItem (sep+ targetItem)*)? sep* RBRACE   # columnTargetAttr
  | ALLOW ruleName (ON qname)? STRING?                               # allowAttr
  ;

references : REFERENCES qname (LPAREN identList RPAREN)? refOption* ;
refOption : fkAction | MATCH (FULL | SIMPLE) | deferrable ;

// `identity (start 100 increment 10 cycle)`: sequence options, checked by name.
identityOption : ident (MINUS? NUMBER)? ;

fkAction : ON (DELETE | UPDATE) refAction ;
refAction : CASCADE | RESTRICT | SET NULL_ | SET DEFAULT | NO ACTION ;

// `sequence counter as bigint (start 100 increment 10) owned by t.n`: a
// Postgres sequence; the options are spelled as identity options.
sequenceDecl : SEQUENCE qname (AS ident)? (LPAREN identityOption* RPAREN)? sequenceAttr* ;
sequenceAttr : OWNED BY ident DOT ident (DOT ident)? | COMMENT STRING ;

// `collation ci (provider icu, locale 'und-u-ks-level2', deterministic false)`:
// a Postgres collation (CREATE COLLATION's options).
collationDecl : COLLATION qname LPAREN (collationOption (COMMA collationOption)*)? RPAREN (COMMENT STRING)? ;
collationOption : ident (ident | STRING | TRUE | FALSE)? ;

enumDecl : ENUM qname LPAREN (enumValue (COMMA enumValue)*)? RPAREN enumAttr* ;
enumValue : STRING (RENAMED FROM STRING)? ;
enumAttr : COMMENT STRING | RENAMED FROM ident ;

viewDecl : MATERIALIZED? VIEW qname AS viewBody viewAttr* viewIndexes? ;
viewBody
  : RAW                                                              # rawBody
  | STRING                                                           # stringBody
  | UNION ALL LPAREN unionMember (COMMA unionMember)* RPAREN         # unionBody
  ;
// A member, or members stamped out by a comprehension: `for y in years: t_${y}`.
unionMember : unionLoop* qname ;
unionLoop : FOR ident IN expr COLON ;
viewAttr : DEPENDS ON LPAREN qname (COMMA qname)* RPAREN | COMMENT STRING ;
// The indexes of a materialized view, written as a table's are.
viewIndexes : LBRACE sep* (viewIndex (sep+ viewIndex)*)? sep* RBRACE ;
viewIndex : UNIQUE? INDEX ident? LPAREN indexKey (COMMA indexKey)* RPAREN indexTail* ;

pipeDecl : targetName PIPE qname LBRACE sep* (targetItem (sep+ targetItem)*)? sep* RBRACE ;

targetBlock : targetName LBRACE sep* (targetItem (sep+ targetItem)*)? sep* RBRACE ;

targetName : POSTGRES | SNOWFLAKE | FIREBOLT | FLINK ;

// Target options are checked per target by the check phase; the grammar keeps
// their shapes general.
targetItem
  : PARTITION BY ident? LPAREN expr (COMMA expr)* RPAREN             # partitionOption
  | PARTITION OF qname partitionBound                                # partitionOfOption
  | CLUSTER BY LPAREN expr (COMMA expr)* RPAREN                      # clusterOption
  | PRIMARY INDEX LPAREN identList RPAREN                            # primaryIndexOption
  | WATERMARK FOR ident AS expr                                      # watermarkOption
  | WITH LPAREN STRING EQ STRING (COMMA STRING EQ STRING)* RPAREN    # withOption
  | TYPE typeRef                                                     # typeOption
  | INTO qname                                                       # intoOption
  | FROM STRING                                                      # fromOption
  // `metadata [from 'key'] [virtual]`: a Flink metadata column.
  | {IsWord("metadata")}? ident (FROM STRING)? ident?                 # metadataOption
  | ident (optionValue | LPAREN identList RPAREN)?                   # flagOption
  ;
optionValue : ident | STRING | NUMBER ;

// `partition of events for values from ('2020-01-01') to ('2021-01-01')`: the
// bound of a Postgres partition. `minvalue` and `maxvalue` are names here.
partitionBound
  : FOR VALUES FROM LPAREN expr (COMMA expr)* RPAREN TO LPAREN expr (COMMA expr)* RPAREN   # rangeBound
  | FOR VALUES IN LPAREN expr (COMMA expr)* RPAREN                   # listBound
  | FOR VALUES WITH LPAREN ident NUMBER COMMA ident NUMBER RPAREN    # hashBound
  | DEFAULT                                                          # defaultBound
  ;

typeRef
  : ARRAY LT typeRef GT arraySuffix*                                 # arrayType
  | MAP LT typeRef COMMA typeRef GT arraySuffix*                     # mapType
  | (ROW | STRUCT) LT rowField (COMMA rowField)* GT arraySuffix*     # rowType
  | ident LT typeRef (COMMA typeRef)* GT arraySuffix*                # genericType
  | typeName (LPAREN typeArg (COMMA typeArg)* RPAREN)? timeZone? arraySuffix*   # namedType
  ;
typeName : ident (PRECISION | VARYING)? | ident DOT ident ;
typeArg : NUMBER | MINUS NUMBER ;
timeZone : (WITH | WITHOUT) TIME ZONE ;
arraySuffix : LBRACK NUMBER? RBRACK ;
rowField : ident typeRef ;

expr
  : primary                                                          # primaryExpr
  | expr CAST_OP typeRef                                             # castOpExpr
  | (MINUS | PLUS) expr                                              # unaryExpr
  | expr (STAR | SLASH | PERCENT) expr                               # mulExpr
  | expr (PLUS | MINUS) expr                                         # addExpr
  | expr CONCAT expr                                                 # concatExpr
  | expr (LT | GT | LE | GE | EQ | NE) expr                          # compareExpr
  | expr IS NOT? NULL_                                                # isNullExpr
  | expr IS NOT? (TRUE | FALSE)                                      # isBoolExpr
  | expr NOT? IN LPAREN expr (COMMA expr)* RPAREN                    # inExpr
  | expr NOT? BETWEEN expr AND expr                                  # betweenExpr
  | expr NOT? (LIKE | ILIKE) expr                                    # likeExpr
  | NOT expr                                                         # notExpr
  | expr AND expr                                                    # andExpr
  | expr OR expr                                                     # orExpr
  | expr DOTDOT expr                                                 # rangeExpr
  ;

primary
  : NUMBER                                                           # numberLit
  | STRING                                                           # stringLit
  | (TRUE | FALSE)                                                   # boolLit
  | NULL_                                                             # nullLit
  | INTERVAL STRING ({IsIntervalUnit(getCurrentToken()->getText())}? ident)?   # intervalLit
  | CASE expr? caseWhen+ (ELSE expr)? END                            # caseExpr
  | CAST LPAREN expr AS typeRef RPAREN                               # castExpr
  | funcName LPAREN (STAR | expr (COMMA expr)*)? RPAREN              # callExpr
  | LBRACK (expr (COMMA expr)* COMMA?)? RBRACK                       # listExpr
  | LBRACE (recordField (COMMA recordField)* COMMA?)? RBRACE         # recordExpr
  | ARRAY LBRACK (expr (COMMA expr)*)? RBRACK                        # arrayExpr
  | funcName                                                         # nameExpr
  | LPAREN expr RPAREN                                               # parenExpr
  ;
caseWhen : WHEN expr THEN expr ;
// `{name: 'acme', region: 'eu'}`: a record, for `let` only.
recordField : ident COLON expr ;

qname : ident (DOT ident)? ;

// A function name: any name but the keywords that start an expression of
// their own (`not (x)` is a negation, not a call of "not").
funcName : (funcIdent DOT)? funcIdent ;
funcIdent
  : IDENT | QIDENT
  | IMPORT | SCHEMA | TABLE | VIEW | MATERIALIZED | ENUM | MIXIN | INCLUDE | LET | FOR
  | DEPENDS | ON | UNION | ALL | DEFAULT | PRIMARY | KEY | UNIQUE
  | REFERENCES | DELETE | UPDATE | CASCADE | RESTRICT | SET | NO | ACTION | CHECK | IDENTITY
  | GENERATED | ALWAYS | STORED | COMMENT | RENAMED | FROM | FOREIGN | INDEX | WHERE | USING
  | ASC | DESC | NULLS | FIRST | LAST | POSTGRES | SNOWFLAKE | FIREBOLT | FLINK | PIPE
  | MAP | ROW | STRUCT | WITH | WITHOUT | TIME | ZONE | PRECISION | VARYING | COLLATE
  | PARTITION | BY | CLUSTER | WATERMARK | TYPE | INTO | VALID
  | DEFERRABLE | INITIALLY | DEFERRED | IMMEDIATE | MATCH | FULL | SIMPLE | INHERIT | DISTINCT | EXTERN | EXCLUDE
  | OF | VALUES | TO | SEQUENCE | OWNED | COLLATION | ALLOW | LINT | SEVERITY
  ;
identList : ident (COMMA ident)* ;

// Every keyword is also usable as a name; only the punctuation is reserved.
ident
  : IDENT | QIDENT
  | IMPORT | SCHEMA | TABLE | VIEW | MATERIALIZED | ENUM | MIXIN | INCLUDE | LET | FOR | IN
  | AS | DEPENDS | ON | UNION | ALL | NOT | DEFAULT | PRIMARY | KEY | UNIQUE
  | REFERENCES | DELETE | UPDATE | CASCADE | RESTRICT | SET | NO | ACTION | CHECK | IDENTITY
  | GENERATED | ALWAYS | STORED | COMMENT | RENAMED | FROM | FOREIGN | INDEX | WHERE | USING
  | ASC | DESC | NULLS | FIRST | LAST | AND | OR | IS | BETWEEN | LIKE | ILIKE | CASE | WHEN
  | THEN | ELSE | END | CAST | INTERVAL | POSTGRES | SNOWFLAKE | FIREBOLT | FLINK | PIPE
  | ARRAY | MAP | ROW | STRUCT | WITH | WITHOUT | TIME | ZONE | PRECISION | VARYING | COLLATE
  | PARTITION | BY | CLUSTER | WATERMARK | TYPE | INTO | VALID
  | DEFERRABLE | INITIALLY | DEFERRED | IMMEDIATE | MATCH | FULL | SIMPLE | INHERIT | DISTINCT | EXTERN | EXCLUDE
  | OF | VALUES | TO | SEQUENCE | OWNED | COLLATION | ALLOW | LINT | SEVERITY
  ;

// ---- lexer -----------------------------------------------------------------

IMPORT : I M P O R T ;
SCHEMA : S C H E M A ;
TABLE : T A B L E ;
VIEW : V I E W ;
MATERIALIZED : M A T E R I A L I Z E D ;
ENUM : E N U M ;
MIXIN : M I X I N ;
INCLUDE : I N C L U D E ;
LET : L E T ;
FOR : F O R ;
IN : I N ;
AS : A S ;
DEPENDS : D E P E N D S ;
ON : O N ;
UNION : U N I O N ;
ALL : A L L ;
NOT : N O T ;
NULL_ : N U L L ;
DEFAULT : D E F A U L T ;
PRIMARY : P R I M A R Y ;
KEY : K E Y ;
UNIQUE : U N I Q U E ;
REFERENCES : R E F E R E N C E S ;
DELETE : D E L E T E ;
UPDATE : U P D A T E ;
CASCADE : C A S C A D E ;
RESTRICT : R E S T R I C T ;
SET : S E T ;
NO : N O ;
ACTION : A C T I O N ;
CHECK : C H E C K ;
IDENTITY : I D E N T I T Y ;
GENERATED : G E N E R A T E D ;
ALWAYS : A L W A Y S ;
STORED : S T O R E D ;
COMMENT : C O M M E N T ;
RENAMED : R E N A M E D ;
FROM : F R O M ;
FOREIGN : F O R E I G N ;
INDEX : I N D E X ;
WHERE : W H E R E ;
USING : U S I N G ;
ASC : A S C ;
DESC : D E S C ;
NULLS : N U L L S ;
FIRST : F I R S T ;
LAST : L A S T ;
AND : A N D ;
OR : O R ;
IS : I S ;
BETWEEN : B E T W E E N ;
LIKE : L I K E ;
ILIKE : I L I K E ;
CASE : C A S E ;
WHEN : W H E N ;
THEN : T H E N ;
ELSE : E L S E ;
END : E N D ;
CAST : C A S T ;
INTERVAL : I N T E R V A L ;
TRUE : T R U E ;
FALSE : F A L S E ;
POSTGRES : P O S T G R E S ;
SNOWFLAKE : S N O W F L A K E ;
FIREBOLT : F I R E B O L T ;
FLINK : F L I N K ;
PIPE : P I P E ;
ARRAY : A R R A Y ;
MAP : M A P ;
ROW : R O W ;
STRUCT : S T R U C T ;
WITH : W I T H ;
WITHOUT : W I T H O U T ;
TIME : T I M E ;
ZONE : Z O N E ;
PRECISION : P R E C I S I O N ;
VARYING : V A R Y I N G ;
COLLATE : C O L L A T E ;
PARTITION : P A R T I T I O N ;
OF : O F ;
VALUES : V A L U E S ;
TO : T O ;
SEQUENCE : S E Q U E N C E ;
COLLATION : C O L L A T I O N ;
OWNED : O W N E D ;
BY : B Y ;
CLUSTER : C L U S T E R ;
WATERMARK : W A T E R M A R K ;
TYPE : T Y P E ;
INTO : I N T O ;
VALID : V A L I D ;
DEFERRABLE : D E F E R R A B L E ;
INITIALLY : I N I T I A L L Y ;
DEFERRED : D E F E R R E D ;
IMMEDIATE : I M M E D I A T E ;
MATCH : M A T C H ;
FULL : F U L L ;
SIMPLE : S I M P L E ;
INHERIT : I N H E R I T ;
DISTINCT : D I S T I N C T ;
EXTERN : E X T E R N ;
EXCLUDE : E X C L U D E ;
ALLOW : A L L O W ;
LINT : L I N T ;
SEVERITY : S E V E R I T Y ;

LBRACE : '{' ;
RBRACE : '}' ;
LPAREN : '(' ;
RPAREN : ')' ;
LBRACK : '[' ;
RBRACK : ']' ;
COMMA : ',' ;
SEMI : ';' ;
DOTDOT : '..' ;
DOT : '.' ;
CAST_OP : '::' ;
COLON : ':' ;
CONCAT : '||' ;
LE : '<=' ;
GE : '>=' ;
NE : '<>' | '!=' ;
LT : '<' ;
GT : '>' ;
EQ : '=' ;
PLUS : '+' ;
MINUS : '-' ;
STAR : '*' ;
SLASH : '/' ;
PERCENT : '%' ;

RAW : '"""' .*? '"""' ;
// Unterminated literals get a token of their own so the error says so.
UNTERMINATED_RAW : '"""' ( ~'"' | '"' ~'"' | '""' ~'"' )* ('"' | '""')? EOF ;
UNTERMINATED_COMMENT : '/*' ( ~'*' | '*'+ ~[*/] )* '*'* EOF ;
QIDENT : ([uU] '&')? '"' ( ~["\r\n] | '""' )* '"' ;  // U&"a\000Ab": Postgres's escapes, for control characters
STRING : '\'' ( ~['] | '\'\'' )* '\'' ;
NUMBER : [0-9]+ ('.' [0-9]+)? ([eE] [+-]? [0-9]+)? ;
IDENT : ( [A-Za-z_] | INTERP ) ( [A-Za-z0-9_$] | INTERP )* ;
// `${name}`, `${t.name}`, `${year + 1}`: evaluated by compiler/expand.
fragment INTERP : '${' ~[}\r\n]* '}' ;

LINE_COMMENT : '--' ~[\r\n]* -> channel(HIDDEN) ;
BLOCK_COMMENT : '/*' .*? '*/' -> channel(HIDDEN) ;
NL : '\r'? '\n' ;
WS : [ \t\f]+ -> skip ;
ERRCHAR : . ;

fragment A : [aA] ; fragment B : [bB] ; fragment C : [cC] ; fragment D : [dD] ;
fragment E : [eE] ; fragment F : [fF] ; fragment G : [gG] ; fragment H : [hH] ;
fragment I : [iI] ; fragment J : [jJ] ; fragment K : [kK] ; fragment L : [lL] ;
fragment M : [mM] ; fragment N : [nN] ; fragment O : [oO] ; fragment P : [pP] ;
fragment Q : [qQ] ; fragment R : [rR] ; fragment S : [sS] ; fragment T : [tT] ;
fragment U : [uU] ; fragment V : [vV] ; fragment W : [wW] ; fragment X : [xX] ;
fragment Y : [yY] ; fragment Z : [zZ] ;
