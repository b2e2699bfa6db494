-- The seeded newsroom: every rule of the sync program has a row here.
-- Times are naive Korea time, as Gnuboard writes them. The test runs the
-- sync at 2025-12-24 12:00:00 KST (SOURCE_DATE_EPOCH=1766545200).
-- `@@FF@@` in a title is made a stray byte 0xFF in the data file by
-- scripts/mariadb-check.sh (the server itself would store `?`).
SET SESSION sql_mode = '';

-- adm/sql_write.sql: the table of one board, `g5_write_{bo_table}`
-- (each board has its own; the others are made LIKE this one below).
CREATE TABLE `g5_write_news` (
  `wr_id` int(11) NOT NULL AUTO_INCREMENT,
  `wr_num` int(11) NOT NULL DEFAULT '0',
  `wr_reply` varchar(10) NOT NULL,
  `wr_parent` int(11) NOT NULL DEFAULT '0',
  `wr_is_comment` tinyint(4) NOT NULL DEFAULT '0',
  `wr_comment` int(11) NOT NULL DEFAULT '0',
  `wr_comment_reply` varchar(5) NOT NULL,
  `ca_name` varchar(255) NOT NULL,
  `wr_option` set('html1','html2','secret','mail') NOT NULL,
  `wr_subject` varchar(255) NOT NULL,
  `wr_content` text NOT NULL,
  `wr_seo_title` varchar(255) NOT NULL DEFAULT '',
  `wr_link1` text NOT NULL,
  `wr_link2` text NOT NULL,
  `wr_link1_hit` int(11) NOT NULL DEFAULT '0',
  `wr_link2_hit` int(11) NOT NULL DEFAULT '0',
  `wr_hit` int(11) NOT NULL DEFAULT '0',
  `wr_good` int(11) NOT NULL DEFAULT '0',
  `wr_nogood` int(11) NOT NULL DEFAULT '0',
  `mb_id` varchar(20) NOT NULL,
  `wr_password` varchar(255) NOT NULL,
  `wr_name` varchar(255) NOT NULL,
  `wr_email` varchar(255) NOT NULL,
  `wr_homepage` varchar(255) NOT NULL,
  `wr_datetime` datetime NOT NULL DEFAULT '0000-00-00 00:00:00',
  `wr_file` tinyint(4) NOT NULL DEFAULT '0',
  `wr_last` varchar(19) NOT NULL,
  `wr_ip` varchar(255) NOT NULL,
  `wr_facebook_user` varchar(255) NOT NULL,
  `wr_twitter_user` varchar(255) NOT NULL,
  `wr_1` varchar(255) NOT NULL,
  `wr_2` varchar(255) NOT NULL,
  `wr_3` varchar(255) NOT NULL,
  `wr_4` varchar(255) NOT NULL,
  `wr_5` varchar(255) NOT NULL,
  `wr_6` varchar(255) NOT NULL,
  `wr_7` varchar(255) NOT NULL,
  `wr_8` varchar(255) NOT NULL,
  `wr_9` varchar(255) NOT NULL,
  `wr_10` varchar(255) NOT NULL,
  PRIMARY KEY (`wr_id`),
  KEY `wr_seo_title` (`wr_seo_title`),
  KEY `wr_num_reply_parent` (`wr_num`,`wr_reply`,`wr_parent`),
  KEY `wr_is_comment` (`wr_is_comment`,`wr_id`)
) ENGINE=MyISAM DEFAULT CHARSET=utf8;

CREATE TABLE `g5_write_photo` LIKE `g5_write_news`;
CREATE TABLE `g5_write_members` LIKE `g5_write_news`;


INSERT INTO g5_board (bo_table, gr_id, bo_subject, bo_read_level, bo_list_level, bo_use_rss_view) VALUES
  ('news', 'community', '지역뉴스', 1, 1, 1),
  ('photo', 'community', '포토뉴스', 1, 1, 1),
  ('members', 'community', '회원 전용', 2, 2, 0);

INSERT INTO g5_write_news (wr_id, wr_num, wr_reply, wr_parent, wr_is_comment, wr_comment_reply, ca_name, wr_option, wr_subject, wr_content, wr_link1, wr_link2, mb_id, wr_password, wr_name, wr_email, wr_homepage, wr_datetime, wr_last, wr_ip, wr_facebook_user, wr_twitter_user, wr_1, wr_2, wr_3, wr_4, wr_5, wr_6, wr_7, wr_8, wr_9, wr_10) VALUES (1, -1, '', 1, 0, '', '행정', 'html1', '영광군, 사회적경제기업 제품 구매 설명회 개최', '<p>영광군은 지난 7일 군청 대회의실에서 공공기관 구매 담당자 29명을 대상으로 설명회를 열었다.</p><p><img src="/data/editor/2512/briefing.jpg" alt="설명회 모습" width="800" height="450"></p><h3>우선구매 목표 달성</h3><blockquote>기업 판로 확대에 힘쓰겠다</blockquote><p>군은 올해 목표의 <b>120%</b>를 달성했다.</p>', '', '', 'reporter', '*SECRET-HASH*', '김기자', 'private@example.com', '', '2025-12-20 10:00:00', '', '10.0.0.99', '', '', '', '', '', '', '', '', '', '', '', '');
INSERT INTO g5_write_news (wr_id, wr_num, wr_reply, wr_parent, wr_is_comment, wr_comment_reply, ca_name, wr_option, wr_subject, wr_content, wr_link1, wr_link2, mb_id, wr_password, wr_name, wr_email, wr_homepage, wr_datetime, wr_last, wr_ip, wr_facebook_user, wr_twitter_user, wr_1, wr_2, wr_3, wr_4, wr_5, wr_6, wr_7, wr_8, wr_9, wr_10) VALUES (2, -2, '', 2, 0, '', '', 'html2', '한빛시 겨울 축제 일정 발표', '첫째 날은 개막식이 열린다.<br>둘째 날은 공연이 이어진다.<br><br>셋째 날에는 불꽃놀이로 마무리한다.', '', '', 'reporter', '*SECRET-HASH*', '박기자', 'private@example.com', '', '2025-12-21 09:30:00', '', '10.0.0.99', '', '', '', '', '', '', '', '', '', '', '', '');
INSERT INTO g5_write_news (wr_id, wr_num, wr_reply, wr_parent, wr_is_comment, wr_comment_reply, ca_name, wr_option, wr_subject, wr_content, wr_link1, wr_link2, mb_id, wr_password, wr_name, wr_email, wr_homepage, wr_datetime, wr_last, wr_ip, wr_facebook_user, wr_twitter_user, wr_1, wr_2, wr_3, wr_4, wr_5, wr_6, wr_7, wr_8, wr_9, wr_10) VALUES (3, -3, '', 3, 0, '', '', '', '독자 투고: 골목길 제설을 부탁합니다', '아침마다 골목이 얼어붙습니다.
<script>alert(1)</script> 라고 쓰면 글자 그대로 보여야 합니다.

군의 빠른 조치를 바랍니다.', '', '', 'reporter', '*SECRET-HASH*', '이독자', 'private@example.com', '', '2025-12-22 08:00:00', '', '10.0.0.99', '', '', '', '', '', '', '', '', '', '', '', '');
INSERT INTO g5_write_news (wr_id, wr_num, wr_reply, wr_parent, wr_is_comment, wr_comment_reply, ca_name, wr_option, wr_subject, wr_content, wr_link1, wr_link2, mb_id, wr_password, wr_name, wr_email, wr_homepage, wr_datetime, wr_last, wr_ip, wr_facebook_user, wr_twitter_user, wr_1, wr_2, wr_3, wr_4, wr_5, wr_6, wr_7, wr_8, wr_9, wr_10) VALUES (4, -4, '', 4, 0, '', '사회', 'html1', '편집기 HTML이 위험한 기사', '<p onclick="alert(1)">첫 문단 <a href="javascript:alert(1)">나쁜 링크</a> 끝.</p><script>document.cookie</script><iframe src="https://evil.example/"></iframe><img src="x" onerror="alert(1)"><style>p{display:none}</style><table><tr><td><table><tr><td>중첩 표 안의 글</td></tr></table></td><td>둘째 칸</td></tr></table><p>마지막 문단.</p>', '', '', 'reporter', '*SECRET-HASH*', '최기자', 'private@example.com', '', '2025-12-23 11:00:00', '', '10.0.0.99', '', '', '', '', '', '', '', '', '', '', '', '');
INSERT INTO g5_write_news (wr_id, wr_num, wr_reply, wr_parent, wr_is_comment, wr_comment_reply, ca_name, wr_option, wr_subject, wr_content, wr_link1, wr_link2, mb_id, wr_password, wr_name, wr_email, wr_homepage, wr_datetime, wr_last, wr_ip, wr_facebook_user, wr_twitter_user, wr_1, wr_2, wr_3, wr_4, wr_5, wr_6, wr_7, wr_8, wr_9, wr_10) VALUES (5, -5, '', 5, 0, '', '', 'html1,secret', '비밀글은 공개되지 않는다', '<p>비밀</p>', '', '', 'reporter', '*SECRET-HASH*', '정기자', 'private@example.com', '', '2025-12-23 12:00:00', '', '10.0.0.99', '', '', '', '', '', '', '', '', '', '', '', '');
INSERT INTO g5_write_news (wr_id, wr_num, wr_reply, wr_parent, wr_is_comment, wr_comment_reply, ca_name, wr_option, wr_subject, wr_content, wr_link1, wr_link2, mb_id, wr_password, wr_name, wr_email, wr_homepage, wr_datetime, wr_last, wr_ip, wr_facebook_user, wr_twitter_user, wr_1, wr_2, wr_3, wr_4, wr_5, wr_6, wr_7, wr_8, wr_9, wr_10) VALUES (6, -1, '', 1, 1, '', '', '', '댓글은 기사가 아니다', '댓글 내용', '', '', 'reporter', '*SECRET-HASH*', '댓글러', 'private@example.com', '', '2025-12-20 11:00:00', '', '10.0.0.99', '', '', '', '', '', '', '', '', '', '', '', '');
INSERT INTO g5_write_news (wr_id, wr_num, wr_reply, wr_parent, wr_is_comment, wr_comment_reply, ca_name, wr_option, wr_subject, wr_content, wr_link1, wr_link2, mb_id, wr_password, wr_name, wr_email, wr_homepage, wr_datetime, wr_last, wr_ip, wr_facebook_user, wr_twitter_user, wr_1, wr_2, wr_3, wr_4, wr_5, wr_6, wr_7, wr_8, wr_9, wr_10) VALUES (7, -1, 'A', 7, 0, '', '행정', 'html1', '[답변] 설명회 추가 일정', '<p>추가 설명회는 다음 주에 열린다.</p>', '', '', 'reporter', '*SECRET-HASH*', '김기자', 'private@example.com', '', '2025-12-20 15:00:00', '', '10.0.0.99', '', '', '', '', '', '', '', '', '', '', '', '');
INSERT INTO g5_write_news (wr_id, wr_num, wr_reply, wr_parent, wr_is_comment, wr_comment_reply, ca_name, wr_option, wr_subject, wr_content, wr_link1, wr_link2, mb_id, wr_password, wr_name, wr_email, wr_homepage, wr_datetime, wr_last, wr_ip, wr_facebook_user, wr_twitter_user, wr_1, wr_2, wr_3, wr_4, wr_5, wr_6, wr_7, wr_8, wr_9, wr_10) VALUES (8, -8, '', 8, 0, '', '', 'html1', '날짜가 0인 글', '<p>본문</p>', '', '', 'reporter', '*SECRET-HASH*', '오류', 'private@example.com', '', '0000-00-00 00:00:00', '', '10.0.0.99', '', '', '', '', '', '', '', '', '', '', '', '');
INSERT INTO g5_write_news (wr_id, wr_num, wr_reply, wr_parent, wr_is_comment, wr_comment_reply, ca_name, wr_option, wr_subject, wr_content, wr_link1, wr_link2, mb_id, wr_password, wr_name, wr_email, wr_homepage, wr_datetime, wr_last, wr_ip, wr_facebook_user, wr_twitter_user, wr_1, wr_2, wr_3, wr_4, wr_5, wr_6, wr_7, wr_8, wr_9, wr_10) VALUES (9, -9, '', 9, 0, '', '', 'html1', '깨진 @@FF@@ 제목', '<p>본문</p>', '', '', 'reporter', '*SECRET-HASH*', '오류', 'private@example.com', '', '2025-12-23 13:00:00', '', '10.0.0.99', '', '', '', '', '', '', '', '', '', '', '', '');
INSERT INTO g5_write_photo (wr_id, wr_num, wr_reply, wr_parent, wr_is_comment, wr_comment_reply, ca_name, wr_option, wr_subject, wr_content, wr_link1, wr_link2, mb_id, wr_password, wr_name, wr_email, wr_homepage, wr_datetime, wr_last, wr_ip, wr_facebook_user, wr_twitter_user, wr_1, wr_2, wr_3, wr_4, wr_5, wr_6, wr_7, wr_8, wr_9, wr_10) VALUES (1, -1, '', 1, 0, '', '', 'html1', '[포토] 소금밭의 겨울', '<p>염전에 눈이 내렸다.</p>', '', '', 'reporter', '*SECRET-HASH*', '사진부', 'private@example.com', '', '2025-12-19 16:00:00', '', '10.0.0.99', '', '', '', '', '', '', '', '', '', '', '', '');
ALTER TABLE g5_write_photo MODIFY wr_content MEDIUMTEXT NOT NULL;
INSERT INTO g5_write_photo (wr_id, wr_num, wr_reply, wr_parent, wr_is_comment, wr_comment_reply, ca_name, wr_option, wr_subject, wr_content, wr_link1, wr_link2, mb_id, wr_password, wr_name, wr_email, wr_homepage, wr_datetime, wr_last, wr_ip, wr_facebook_user, wr_twitter_user, wr_1, wr_2, wr_3, wr_4, wr_5, wr_6, wr_7, wr_8, wr_9, wr_10) VALUES (2, -2, '', 2, 0, '', '', '', '아주 긴 본문', REPEAT('가나다라마바사 ', 300000), '', '', 'reporter', '*SECRET-HASH*', '사진부', 'private@example.com', '', '2025-12-19 17:00:00', '', '10.0.0.99', '', '', '', '', '', '', '', '', '', '', '', '');
INSERT INTO g5_write_members (wr_id, wr_num, wr_reply, wr_parent, wr_is_comment, wr_comment_reply, ca_name, wr_option, wr_subject, wr_content, wr_link1, wr_link2, mb_id, wr_password, wr_name, wr_email, wr_homepage, wr_datetime, wr_last, wr_ip, wr_facebook_user, wr_twitter_user, wr_1, wr_2, wr_3, wr_4, wr_5, wr_6, wr_7, wr_8, wr_9, wr_10) VALUES (1, -1, '', 1, 0, '', '', 'html1', '회원 전용 글', '<p>회원만</p>', '', '', 'reporter', '*SECRET-HASH*', '관리자', 'private@example.com', '', '2025-12-20 10:00:00', '', '10.0.0.99', '', '', '', '', '', '', '', '', '', '', '', '');

INSERT INTO g5_board_file (bo_table, wr_id, bf_no, bf_source, bf_file, bf_download, bf_content, bf_filesize, bf_width, bf_height, bf_type, bf_datetime) VALUES
  ('news', 1, 0, '1.사회적경제기업제품 구매 설명회.jpg', '3fa2c1_briefing main.jpg', 0, '1.사회적경제기업제품 구매 설명회.jpg', 120000, 1200, 675, 2, '2025-12-20 10:00:00'),
  ('news', 1, 1, 'handout.pdf', 'a91b_handout.pdf', 0, '', 50000, 0, 0, 0, '2025-12-20 10:00:00'),
  ('news', 1, 2, 'booth.png', 'c77d_booth.png', 0, '전시 부스를 둘러보는 참석자들', 90000, 800, 600, 3, '2025-12-20 10:00:00'),
  ('photo', 1, 0, 'saltfield.webp', 'e01f_saltfield.webp', 0, '눈 덮인 염전', 80000, 1600, 900, 18, '2025-12-19 16:00:00');

INSERT INTO g5_new_win (nw_id, nw_division, nw_device, nw_begin_time, nw_end_time, nw_disable_hours, nw_subject, nw_content, nw_content_html) VALUES
  (1, 'both', 'both', '2025-12-01 00:00:00', '2025-12-31 23:59:59', 24, '연말연시 휴간 안내', '<p>12월 31일과 1월 1일은 휴간합니다.</p><p><img src="/data/editor/2512/holiday.png" alt="새해 인사"></p><p><a href="https://news.example/bbs/board.php?bo_table=news&amp;wr_id=1">자세히</a></p>', 1),
  (2, 'comm', 'pc', '2025-12-01 00:00:00', '2025-12-31 23:59:59', 0, 'PC 화면 전용 안내', '<p>PC에서만 보이는 알림입니다.</p>', 1),
  (3, 'both', 'mobile', '2025-12-01 00:00:00', '2025-12-31 23:59:59', 168, '모바일 전용 안내', '<p>휴대전화에서만 보입니다.</p>', 1),
  (4, 'both', 'both', '2025-12-01 00:00:00', '2025-12-20 23:59:59', 24, '지난 안내', '<p>끝났습니다.</p>', 1),
  (5, 'both', 'both', '2025-12-01 00:00:00', '2025-12-24 12:00:00', 24, '지금 끝나는 안내', '<p>마지막 1초까지 보입니다.</p>', 1),
  (6, 'shop', 'both', '2025-12-01 00:00:00', '2025-12-31 23:59:59', 24, '쇼핑몰 안내', '<p>쇼핑몰 전용</p>', 1),
  (7, 'both', 'both', '2025-12-01 00:00:00', '0000-00-00 00:00:00', 24, '끝이 없는 안내', '<p>종료 시각이 없습니다.</p>', 1);
