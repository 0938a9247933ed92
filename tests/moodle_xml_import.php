<?php
// Reads a Moodle XML file the way Moodle's importer does and prints, as JSON, what
// Moodle would store for each matching, ordering and multichoice question. Written
// for the tests from Moodle 4.x's question/format/xml/format.php (qformat_xml:
// readquestions, getpath, import_text_with_files, import_headers, import_match,
// import_multichoice, import_combined_feedback), lib/xmlize.php (core_xml_parser)
// and question/type/ordering/questiontype.php (import_from_xml,
// set_options_for_import, save_question_options); run by
// tests/test_interchange_moodle_structure.py with php-cli and its xml extension
// (the same expat Moodle uses), the file on stdin.
//
// What matters from those sources:
// - core_xml_parser keeps a piece of character data only when it is "0" or not
//   all whitespace, and expat hands over an entity or a line break as a piece of
//   its own: "&lt; &gt;" is stored as "<>". An element holding only text becomes
//   that string, an empty one ''.
// - getpath walks ['#', 'child', 0, '#', ...] and falls back to a default when a
//   step is missing; text is trimmed.
// - matching: subquestion text and @format, its answer/text as plain text,
//   shuffleanswers through trans_single, shownumcorrect = the element is there.
// - ordering: the <answer>s in document order are the correct order (fraction is
//   ignored), read with their @format; layouttype, selecttype, selectcount,
//   gradingtype, showgrading, numberingstyle by name, unknown names give the
//   defaults (VERTICAL, RANDOM, 2, RELATIVE_NEXT_EXCLUDE_LAST, SHOW, none);
//   shownumcorrect is the element's value (null when absent); saving reduces an
//   answer that is one <p>…</p> to its content, trims it, skips an empty one.

function parse_like_xmlize($data) {
    $xml = array();
    $current = array();
    $level = 0;
    $current[0] = &$xml;
    $parser = xml_parser_create('UTF-8');
    xml_parser_set_option($parser, XML_OPTION_CASE_FOLDING, 0);
    xml_parser_set_option($parser, XML_OPTION_SKIP_WHITE, 0);
    xml_set_element_handler(
        $parser,
        function ($p, $name, $attrs) use (&$current, &$level) {
            if ($level == 0) {
                $current[0][$name] = array('@' => $attrs, '#' => array());
                $current[1] = &$current[0][$name]['#'];
            } else {
                if (empty($current[$level][$name])) {
                    $current[$level][$name] = array();
                }
                $n = count($current[$level][$name]);
                if (!empty($attrs)) {
                    $current[$level][$name][$n]['@'] = $attrs;
                }
                $current[$level][$name][$n]['#'] = array();
                $current[$level + 1] = &$current[$level][$name][$n]['#'];
            }
            $level++;
        },
        function ($p, $name) use (&$current, &$level) {
            if (empty($current[$level])) {
                $current[$level] = '';
            } else if (array_key_exists(0, $current[$level]) && count($current[$level]) == 1) {
                $current[$level] = $current[$level][0];
            }
            $level--;
        }
    );
    xml_set_character_data_handler($parser, function ($p, $data) use (&$current, &$level) {
        if (!($data == '0' || (!empty($data) && trim($data) != ''))) {
            return; // a piece that is only whitespace is dropped
        }
        if (count($current[$level]) == 0) {
            $current[$level][0] = $data;
            return;
        }
        $key = max(array_keys($current[$level]));
        if (is_int($key)) {
            end($current[$level]);
            if (is_int(key($current[$level]))) {
                $current[$level][$key] .= $data;
            } else {
                $current[$level][$key + 1] = $data;
            }
        } else {
            $current[$level][0] = $data;
        }
    });
    if (!xml_parse($parser, trim($data), true)) {
        fwrite(STDERR, 'not well-formed: ' . xml_error_string(xml_get_error_code($parser)) . "\n");
        exit(1);
    }
    return $xml;
}

function path($xml, $steps, $default, $istext = false) {
    foreach ($steps as $step) {
        if (!isset($xml[$step])) {
            return $default;
        }
        $xml = $xml[$step];
    }
    if ($istext) {
        if (!is_string($xml)) {
            return array('error' => 'invalidxml');
        }
        $xml = trim($xml);
    }
    return $xml;
}

function yes($name) {
    $name = trim($name);
    return ($name == 'false' || !$name) ? 0 : 1;
}

function by_name($value, $names, $default) {
    return in_array(strtoupper($value), $names, true) ? strtoupper($value) : $default;
}

function headers($q) {
    return array(
        'qtype' => $q['@']['type'],
        'name' => path($q, array('#', 'name', 0, '#', 'text', 0, '#'), '', true),
        'questiontext' => path($q, array('#', 'questiontext', 0, '#', 'text', 0, '#'), '', true),
        'questiontextformat' => path($q, array('#', 'questiontext', 0, '@', 'format'), 'html'),
        'generalfeedback' => path($q, array('#', 'generalfeedback', 0, '#', 'text', 0, '#'), '', true),
        'defaultmark' => path($q, array('#', 'defaultgrade', 0, '#'), 1),
        'idnumber' => path($q, array('#', 'idnumber', 0, '#'), null),
    );
}

function matching($q) {
    $out = headers($q);
    $out['shuffleanswers'] = yes(path($q, array('#', 'shuffleanswers', 0, '#'), 1));
    $out['shownumcorrect'] = array_key_exists('shownumcorrect', $q['#']);
    $out['subquestions'] = array();
    foreach ($q['#']['subquestion'] as $sub) {
        $out['subquestions'][] = array(
            'text' => path($sub, array('#', 'text', 0, '#'), '', true),
            'format' => path($sub, array('@', 'format'), $out['questiontextformat']),
            'answer' => path($sub, array('#', 'answer', 0, '#', 'text', 0, '#'), '', true),
        );
    }
    return $out;
}

function ordering($q) {
    $out = headers($q);
    $select = isset($q['#']['selecttype']) ? 'selecttype' : 'logical';
    $count = isset($q['#']['selecttype']) ? 'selectcount' : 'studentsee';
    $out['layouttype'] = by_name(path($q, array('#', 'layouttype', 0, '#'), 'VERTICAL'),
        array('HORIZONTAL', 'VERTICAL'), 'VERTICAL');
    $selecttype = strtoupper(path($q, array('#', $select, 0, '#'), 'RANDOM'));
    $out['selecttype'] = in_array($selecttype, array('ALL', 'EXACT'), true) ? 'ALL'
        : (in_array($selecttype, array('CONTIGUOUS', 'CONTIG'), true) ? 'CONTIGUOUS' : 'RANDOM');
    $selectcount = path($q, array('#', $count, 0, '#'), 6);
    $out['selectcount'] = (is_numeric($selectcount) && $selectcount >= 2) ? intval($selectcount) : 2;
    $grading = strtoupper(path($q, array('#', 'gradingtype', 0, '#'), 'RELATIVE'));
    $out['gradingtype'] = in_array($grading, array('ABS', 'ABSOLUTE', 'ABSOLUTE_POSITION'), true)
        ? 'ABSOLUTE_POSITION'
        : by_name($grading, array('ALL_OR_NOTHING', 'RELATIVE_NEXT_INCLUDE_LAST',
            'RELATIVE_ONE_PREVIOUS_AND_NEXT', 'RELATIVE_ALL_PREVIOUS_AND_NEXT',
            'LONGEST_ORDERED_SUBSET', 'LONGEST_CONTIGUOUS_SUBSET', 'RELATIVE_TO_CORRECT'),
            'RELATIVE_NEXT_EXCLUDE_LAST');
    $show = strtoupper(path($q, array('#', 'showgrading', 0, '#'), '1'));
    $out['showgrading'] = in_array($show, array('HIDE', 'FALSE', 'NO'), true) ? 'HIDE' : 'SHOW';
    $numbering = path($q, array('#', 'numberingstyle', 0, '#'), '1');
    $out['numberingstyle'] = in_array($numbering, array('none', '123', 'abc', 'ABCD', 'iii', 'IIII'), true)
        ? $numbering : 'none';
    $shownumcorrect = path($q, array('#', 'shownumcorrect', 0, '#'), null);
    $out['shownumcorrect'] = $shownumcorrect === null ? 1 : ($shownumcorrect ? 1 : 0);
    $out['items'] = array();
    $i = 0;
    while ($answer = path($q, array('#', 'answer', $i), '')) {
        $text = trim(path($answer, array('#', 'text', 0, '#'), '', true));
        if (substr_count($text, '<p>') == 1) {
            $text = preg_replace('/^\s*<p>\s*(.*?)(\s*<br\s*\/?>)*\s*<\/p>\s*$/', '$1', $text);
        }
        $text = trim($text);
        if ($text !== '') {
            $out['items'][] = array(
                'text' => $text,
                'format' => path($answer, array('@', 'format'), $out['questiontextformat']),
            );
        }
        $i++;
    }
    return $out;
}

function multichoice($q) {
    $out = headers($q);
    $out['single'] = yes(path($q, array('#', 'single', 0, '#'), 'true'));
    $out['answers'] = array();
    foreach ($q['#']['answer'] as $answer) {
        $out['answers'][] = array(
            'text' => path($answer, array('#', 'text', 0, '#'), '', true),
            'fraction' => path($answer, array('@', 'fraction'), 0) / 100,
        );
    }
    return $out;
}

$xml = parse_like_xmlize(stream_get_contents(STDIN));
$out = array();
foreach ($xml['quiz']['#']['question'] as $q) {
    $type = $q['@']['type'];
    if ($type == 'matching' || $type == 'match') {
        $out[] = matching($q);
    } else if ($type == 'ordering') {
        $out[] = ordering($q);
    } else if ($type == 'multichoice') {
        $out[] = multichoice($q);
    }
}
echo json_encode($out, JSON_UNESCAPED_UNICODE | JSON_PRETTY_PRINT), "\n";
